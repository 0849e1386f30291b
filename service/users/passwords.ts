/**
 * Password hashes with scrypt (node:crypto): `scrypt$N$r$p$salt$hash`, base64url, so the cost
 * travels with the hash and can be raised later without breaking stored users.
 */
import { randomBytes, randomInt, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import pLimit from 'p-limit';
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

/** The slots hashes run in (p-limit); they wait in its queue, each with its own deadline. */
const hashSlots = pLimit(DEFAULT_HASH_LIMITS.concurrency);
let maxWaitMs = DEFAULT_HASH_LIMITS.maxWaitMs;

/** Sets the limits (service start-up, tests). */
export function setHashLimits(next: THashLimits): void {
  hashSlots.concurrency = next.concurrency;
  maxWaitMs = next.maxWaitMs;
}

/** Runs `fn` in a slot, or refuses once `maxWaitMs` passed without one (p-limit has no deadline of its own). */
function withHashSlot<T>(fn: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let refused = false;
    const timer = setTimeout(() => {
      refused = true;
      reject(new AppError('UNAVAILABLE', 'too many sign-ins at this moment; try again in a second', [], { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) }));
    }, maxWaitMs);
    void hashSlots(async () => {
      // Its caller was answered 503 already: hand the slot on without hashing.
      if (refused) return;
      clearTimeout(timer);
      await fn().then(resolve, reject);
    });
  });
}

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  withHashSlot(
    () => new Promise<Buffer>((resolve, reject) => scryptCallback(password, salt, length, options, (err, key) => (err ? reject(err) : resolve(key)))),
  );

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
