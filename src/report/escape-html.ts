// Text for HTML element content and quoted attribute values alike (control characters dropped).
import { stripControls } from './sanitize-text.js';

export function esc(value: string): string {
  return stripControls(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
