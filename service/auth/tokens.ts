/**
 * Bearer tokens: HS256 JWTs signed with jose, carrying the username and an expiry. The role
 * and ids are read from the user directory on every request, so a removed or changed
 * account takes effect at once rather than when its token expires.
 */
import { errors, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'parallel-approvals';
const AUDIENCE = 'parallel-approvals-api';

/** Page tokens: their own audience, valid for a day (a list left open overnight starts again). */
const PAGE_AUDIENCE = 'approvals-page';
const PAGE_TTL_SECONDS = 24 * 3600;

/** Verified login tokens kept per replica (about one per signed-in user; a token is ~250 bytes). */
const VERIFIED_TOKENS_KEPT = 10_000;

export class TokenIssuer {
  private readonly key: Uint8Array;
  /** Tokens verified before: their subject and expiry (jose's `exp`, in ms). */
  private readonly verified = new Map<string, { username: string; expiresAtMs: number }>();

  /**
   * @param secret at least 32 bytes (HS256 wants a key as long as its hash)
   * @param ttlSeconds how long a token is valid, in seconds
   */
  constructor(
    secret: string | Uint8Array,
    readonly ttlSeconds: number,
  ) {
    this.key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
    if (this.key.length < 32) throw new Error('the token secret must be at least 32 bytes');
  }

  async issue(username: string, now = new Date()): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + this.ttlSeconds;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(username)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /**
   * A stateless page token: the claims signed with the same key under another audience, so
   * any replica can read it and it can never pass for a login token (nor one for it).
   */
  async signPage(claims: Record<string, unknown>, now = new Date()): Promise<string> {
    const iat = Math.floor(now.getTime() / 1000);
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(PAGE_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + PAGE_TTL_SECONDS)
      .sign(this.key);
  }

  /** The claims of a page token this service signed and that has not expired; undefined otherwise. */
  async verifyPage(token: string, now = new Date()): Promise<Record<string, unknown> | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: PAGE_AUDIENCE, algorithms: ['HS256'], currentDate: now });
      return payload as Record<string, unknown>;
    } catch (err) {
      if (err instanceof errors.JOSEError) return undefined;
      throw err;
    }
  }

  /**
   * The username of a valid, unexpired token; undefined for anything else. A token's signature
   * and claims never change, so one verified before is not verified again until it expires
   * (jose's HMAC goes through WebCrypto's thread pool: issue 12 found it in the HTTP decision
   * path's tail). The cache holds what the token itself says, keyed by the whole token, never a
   * user's role or state: who the user is now is still read on every request.
   */
  async verify(token: string, now = new Date()): Promise<string | undefined> {
    const known = this.verified.get(token);
    if (known) {
      if (now.getTime() < known.expiresAtMs) return known.username;
      this.verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: now,
      });
      if (typeof payload.sub !== 'string') return undefined;
      this.remember(token, payload.sub, (payload.exp ?? 0) * 1000);
      return payload.sub;
    } catch (err) {
      if (err instanceof errors.JOSEError) return undefined;
      throw err;
    }
  }

  private remember(token: string, username: string, expiresAtMs: number): void {
    // Oldest first out: a Map iterates in insertion order.
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { username, expiresAtMs });
  }
}
