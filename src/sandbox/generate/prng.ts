/**
 * Seeded pseudo-random numbers (mulberry32) and Stripe-like identifiers.
 * Every random choice in a generated world comes from one Rng, consumed in a fixed order, so a seed
 * always yields byte-identical output.
 */
import { mulberry32 } from '../seeded-random.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export class Rng {
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.random();
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Pick by weight; weights need not sum to 1. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let r = this.next() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  /** `prefix` + `length` base62 characters, like Stripe ids (cus_ ids have 14, most others 24). */
  id(prefix: string, length = 24): string {
    let s = prefix;
    for (let i = 0; i < length; i++) s += BASE62[Math.floor(this.next() * 62)];
    return s;
  }

  /** Uppercase hexadecimal string, used for invoice prefixes. */
  hex(length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += '0123456789ABCDEF'[Math.floor(this.next() * 16)];
    return s;
  }

  digits(length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }
}
