/**
 * Jest's own module loader cannot `require` the ESM-only @noble/hashes (Node ≥ 20.19 and tsx can).
 * Import this first in a test that reaches definitions/process/hash.ts: it maps the two imports
 * onto node:crypto's sha256, which gives the same digest. Remove it once jest.config.js lets
 * @swc/jest transform the package (`transformIgnorePatterns: ['/node_modules/(?!@noble/hashes/)']`).
 * The CLI tests run the real @noble/hashes through `node bin/approvals.cjs`.
 */
import { createHash } from 'node:crypto';

jest.mock('@noble/hashes/sha2.js', () => ({
  sha256: (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest()),
}));
jest.mock('@noble/hashes/utils.js', () => ({
  utf8ToBytes: (text: string) => new TextEncoder().encode(text),
  bytesToHex: (bytes: Uint8Array) => Buffer.from(bytes).toString('hex'),
}));
