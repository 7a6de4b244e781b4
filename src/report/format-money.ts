// Amounts as people read them: thousands separators and the currency's own minor digits (JPY 0, KWD 3),
// from integer minor units (no float ever touches the digits).
import { minorToDecimalString } from '../accounting/money.js';

/** 123456789 usd → "1,234,567.89"; 1500000 jpy → "1,500,000"; -1234567 kwd → "-1,234.567". */
export function groupedAmount(amountMinor: number, currency: string): string {
  const plain = minorToDecimalString(amountMinor, currency);
  const sign = plain.startsWith('-') ? '-' : '';
  const [whole, fraction] = plain.slice(sign.length).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** "USD 1,234.56". */
export function moneyText(amountMinor: number, currency: string): string {
  return `${currency.toUpperCase()} ${groupedAmount(amountMinor, currency)}`;
}
