/**
 * 统一社会信用代码 per GB 32100-2015: codes printed on public business licences pass; a wrong
 * check character, a letter the standard leaves out, a wrong length, a bad authority, type or
 * region are refused with the part that is wrong. Lower case is taken as upper case.
 */
import { checkCreditCode, creditCodeCheckCharacter } from '../../../service/enterprises/credit-code';

// Published on the companies' business licences (national enterprise credit information publicity system).
const REAL = ['9144030071526726XG', '914403001922038216', '91330100716105852F', '91110108551385082Q', '91110000802100433B', '91350100M000100Y43'];

test.each(REAL)('%s, a real code, is valid', (code) => {
  expect(checkCreditCode(code)).toEqual({ ok: true, code });
});

test('the check character is 31 − (Σ value·weight mod 31), with 31 written as 0', () => {
  expect(REAL.map((c) => creditCodeCheckCharacter(c.slice(0, 17)))).toEqual(REAL.map((c) => c[17]));
  // Σ = 0 gives 31 − 0 = 31, written '0' (not position 31, past the charset).
  expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
});

test('a wrong check character says which one was expected', () => {
  expect(checkCreditCode('9144030071526726XA')).toEqual({ ok: false, message: "check character (position 18) is 'A', expected 'G'" });
});

test('lower case and surrounding spaces are normalised, spaces inside are refused', () => {
  expect(checkCreditCode(' 9144030071526726xg ')).toEqual({ ok: true, code: '9144030071526726XG' });
  expect(checkCreditCode('91440300 71526726XG')).toMatchObject({ ok: false, message: expect.stringMatching(/^a credit code has 18 characters, not 19/) });
});

test.each([
  ['I', '9144030071526726IG', 17],
  ['O', '914403007152672OXG', 16],
  ['S', 'S144030071526726XG', 1],
  ['V', '91440300V1526726XG', 9],
  ['Z', '9144030071526726XZ', 18],
])('the letter %s, which the standard leaves out, is refused at its position', (_, code, position) => {
  expect(checkCreditCode(code)).toEqual({ ok: false, message: expect.stringMatching(new RegExp(`^character at position ${position} `)) });
});

test.each([
  ['', 'a credit code has 18 characters, not 0'],
  ['9144030071526726X', 'a credit code has 18 characters, not 17'],
  ['9144030071526726XGG', 'a credit code has 18 characters, not 19'],
  ['B144030071526726XG', "position 1 ('B') is not a registration authority code (1–9, A, N or Y)"],
  ['9044030071526726XG', "position 2 ('0') is not an organisation type code (1–9)"],
  ['9144A30071526726XG', "positions 3–8 ('44A300') must be an administrative region code (six digits)"],
])('%j is refused: %s', (code, message) => {
  expect(checkCreditCode(code)).toEqual({ ok: false, message });
});
