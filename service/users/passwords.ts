/**
 * Password hashes with scrypt (node:crypto): `scrypt$N$r$p$salt$hash`, base64url, so the cost
 * travels with the hash and can be raised later without breaking stored users.
 */
import { randomBytes, randomInt, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../errors';

/**
 * At most `concurrency` hashes run at once (each takes ~128 MiB and a core for a few hundred
 * ms); the rest wait in line up to `maxWaitMs`, then are refused with 503 and Retry-After, so a
 * flood of logins cannot stall everyone's (16 at once took a legitimate login to 8 s).
 */
export interface THashLimits {
  concurrency: number;
  maxWaitMs: number;
}
export const DEFAULT_HASH_LIMITS: THashLimits = { concurrency: 2, maxWaitMs: 2000 };
const BUSY_RETRY_AFTER_SECONDS = 1;

let limits: THashLimits = DEFAULT_HASH_LIMITS;
let running = 0;
const waiting: (() => void)[] = [];

/** Sets the limits (service start-up, tests). */
export function setHashLimits(next: THashLimits): void {
  limits = next;
}

async function withHashSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= limits.concurrency) {
    const admitted = await new Promise<boolean>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(wake), 1);
        resolve(false);
      }, limits.maxWaitMs);
      waiting.push(wake);
    });
    if (!admitted) {
      throw new AppError('UNAVAILABLE', 'too many sign-ins at this moment; try again in a second', [], { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) });
    }
  } else {
    running += 1;
  }
  try {
    return await fn();
  } finally {
    // Hand the slot straight to the next in line (running stays the same), or free it.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  withHashSlot(() => new Promise<Buffer>((resolve, reject) => scryptCallback(password, salt, length, options, (err, key) => (err ? reject(err) : resolve(key)))));

/** OWASP's scrypt recommendation (N=2^17, r=8, p=1): ~128 MiB and a few hundred ms per hash. */
export const DEFAULT_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
export type TScryptCost = { N: number; r: number; p: number };

const KEY_LENGTH = 32;
const maxmem = (c: TScryptCost) => 128 * c.N * c.r * 2;

export async function hashPassword(password: string, cost: TScryptCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...cost, maxmem: maxmem(cost) });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `stored`; false for a malformed hash. Constant time in the key. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every(Number.isSafeInteger)) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { ...cost, maxmem: maxmem(cost) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A random password people can type: 20 characters from an unambiguous alphabet (~115 bits). */
export function randomPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
