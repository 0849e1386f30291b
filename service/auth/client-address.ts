/**
 * The address a login comes from, for throttling. `X-Forwarded-For` is believed only when
 * the socket's peer is one of the configured proxies (APPROVALS_TRUSTED_PROXIES); then the
 * client is the right-most address of the chain that is not itself a trusted proxy. Anything
 * to its left was written by the client and could be anything.
 */
import { isIP } from 'node:net';

/** `::ffff:10.0.0.5` (IPv4 on a dual-stack socket) is 10.0.0.5; IPv6 in lower case. */
export function normaliseAddress(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return mapped ? mapped[1]! : a;
}

/** Parses `127.0.0.1, 10.0.0.5` (empty: none). @throws Error naming the entry that is not an IP address */
export function parseTrustedProxies(list: string | undefined): Set<string> {
  const entries = (list ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const e of entries) if (isIP(e) === 0) throw new Error(`"${e}" is not an IP address`);
  return new Set(entries.map(normaliseAddress));
}

/**
 * @param peer the socket's remote address
 * @param forwardedFor every `X-Forwarded-For` header value, in order
 * @param trusted normalised proxy addresses
 */
export function clientAddressOf(peer: string | undefined, forwardedFor: string | undefined, trusted: ReadonlySet<string>): string {
  const socket = peer ? normaliseAddress(peer) : 'unknown';
  if (!trusted.has(socket) || !forwardedFor) return socket;
  const chain = forwardedFor
    .split(',')
    .map((s) => normaliseAddress(s))
    .filter((s) => s !== '');
  for (let i = chain.length - 1; i >= 0; i--) {
    if (isIP(chain[i]!) === 0) return socket; // a malformed hop: believe nothing left of it
    if (!trusted.has(chain[i]!)) return chain[i]!;
  }
  // Every hop is a trusted proxy: the left-most is the closest we know to the client.
  return chain[0] ?? socket;
}
