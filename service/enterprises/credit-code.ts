/**
 * 统一社会信用代码 (unified social credit code) per GB 32100-2015: 18 characters, the last a
 * check character over the first 17. Pure, no imports, so the web app can use it as well.
 *
 * Lower case is accepted and normalised to upper case (people type codes on phones; the standard
 * defines no lower-case letters, so nothing is ambiguous); surrounding spaces are trimmed. Spaces
 * inside are refused: a code is stored and compared in one spelling.
 */

/** GB 32100-2015 §4.2: the digits and the upper-case Latin letters without I, O, S, V, Z; a character's value is its position. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1–17: 3^(i−1) mod 31 (GB 32100-2015 §5). */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/**
 * Position 1, the registration authority (GB 32100-2015 Table 1): 1 机构编制, 2 外交, 3 司法行政, 4 文化,
 * 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商 (市场监管), A 中央军委改革和编制办公室, N 农业, Y 其他.
 */
const AUTHORITIES = '123456789ANY';
/** Position 2, the organisation type within its authority: a digit 1–9 under every authority of Table 1. */
const ORGANISATION_TYPES = '123456789';

export type TCreditCodeCheck = { ok: true; code: string } | { ok: false; message: string };

/** The check character (position 18) of the first 17 characters, which must be from the charset. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  // 31 − (Σ mod 31), where 31 is written as '0'.
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

/**
 * Checks a code and returns it normalised (trimmed, upper case), or says which part is wrong:
 * the length, the character at position N, the authority, the type, the region, or the check character
 * with the one expected.
 */
export function checkCreditCode(input: string): TCreditCodeCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, message: `a credit code has 18 characters, not ${code.length}` };
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_CHARSET.includes(code[i]!)) {
      return { ok: false, message: `character at position ${i + 1} ('${code[i]}') is not allowed: digits and letters other than I, O, S, V, Z` };
    }
  }
  if (!AUTHORITIES.includes(code[0]!)) return { ok: false, message: `position 1 ('${code[0]}') is not a registration authority code (1–9, A, N or Y)` };
  if (!ORGANISATION_TYPES.includes(code[1]!)) return { ok: false, message: `position 2 ('${code[1]}') is not an organisation type code (1–9)` };
  if (!/^\d{6}$/.test(code.slice(2, 8)))
    return { ok: false, message: `positions 3–8 ('${code.slice(2, 8)}') must be an administrative region code (six digits)` };
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) return { ok: false, message: `check character (position 18) is '${code[17]}', expected '${expected}'` };
  return { ok: true, code };
}
