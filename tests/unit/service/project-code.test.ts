/**
 * 项目代码 per GB/T 40058-2021: five parts joined by "-", 24 characters; a wrong part is named
 * with its character range; the check character (ISO/IEC 7064 MOD 11,10 over the other 19
 * digits) catches a mistyped digit. Surrounding spaces are normalised.
 */
import { checkProjectCode, projectCodeCheckCharacter, withCheckCharacter } from '../../../service/projects/project-code';

/** Codes as published in 2021–2026 notices (Shanxi, Hebei, Henan, Hubei, Guizhou): the check rule is the one they all obey. */
const PUBLISHED = [
  '2111-522323-04-01-342068',
  '2411-130202-89-01-637015',
  '2509-140602-89-05-864976',
  '2512-420984-04-01-395957',
  '2602-411102-04-04-398932',
  '2603-141124-89-05-346948',
];
/** Codes issued before the standard: the time code is the year, and there is no check character. */
const LEGACY = ['2020-451421-88-03-016343', '2020-330327-48-01-167360'];

test.each([...PUBLISHED, ...LEGACY, '2103-330283-04-01-391515'])('%s is a valid code', (code) => {
  expect(checkProjectCode(code)).toEqual({ ok: true, code });
});

test('every published code ends in the MOD 11,10 check digit of its other 19 digits', () => {
  for (const code of PUBLISHED) expect(projectCodeCheckCharacter(code.replaceAll('-', '').slice(0, -1))).toBe(code.slice(-1));
  expect(withCheckCharacter('2611-110105-47-03-00002')).toBe('2611-110105-47-03-000029');
});

test('surrounding spaces are normalised', () => {
  expect(checkProjectCode(' 2611-110105-47-03-000029 ')).toEqual({ ok: true, code: '2611-110105-47-03-000029' });
});

test('any one mistyped digit, and two neighbours swapped, are caught by the check character', () => {
  const code = PUBLISHED[3]!;
  const digitsAt = [...code].flatMap((c, i) => (c === '-' ? [] : [i]));
  for (const i of digitsAt.slice(4)) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) === code[i]) continue;
      const typo = `${code.slice(0, i)}${d}${code.slice(i + 1)}`;
      expect(checkProjectCode(typo).ok).toBe(false);
    }
  }
  const swapped = '2512-420984-04-01-395975';
  expect(checkProjectCode(swapped)).toEqual({
    ok: false,
    message: 'check character (character 24) does not match the other 19 digits (GB/T 17710 MOD 11,10): look for a mistyped digit',
  });
});

test.each([
  ['', 'a project code has 24 characters (five parts joined by "-"), not 0'],
  ['2103-330283-04-01-3915150', 'a project code has 24 characters (five parts joined by "-"), not 25'],
  ['2103 330283-04-01-391515', 'a project code has five parts joined by "-" (time-region-department-type-serial), not 4'],
  ['21033-30283-04-01-391515', "time (characters 1–4) must be 4 characters, not '21033'"],
  ['21A3-330283-04-01-391515', "time (characters 1–4) must be 4 digits, not '21A3'"],
  ['2103-33028X-04-01-391515', "region (characters 6–11) must be 6 digits, not '33028X'"],
  ['2103-330283-0A-01-391515', "department (characters 13–14) must be 2 digits, not '0A'"],
  ['2103-330283-04-0B-391515', "type (characters 16–17) must be 2 digits, not '0B'"],
  ['2103-330283-04-01-39A515', "serial (characters 19–24) must be 6 digits, not '39A515'"],
  ['2103-330283-04-01-39151X', "serial (characters 19–24) must be 6 digits, not '39151X'"],
  ['2613-330283-04-01-391515', "time (characters 1–4) must be year and month (YYMM), or a year 2017–2021 on a code issued before GB/T 40058, not '2613'"],
  ['2016-330283-04-01-391515', "time (characters 1–4) must be year and month (YYMM), or a year 2017–2021 on a code issued before GB/T 40058, not '2016'"],
])('%j is refused: %s', (code, message) => {
  expect(checkProjectCode(code)).toEqual({ ok: false, message });
});
