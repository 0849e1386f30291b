/**
 * 项目代码 per GB/T 40058-2021: five parts joined by "-", 24 characters; a wrong part is named
 * with its character range. Lower case and surrounding spaces are normalised.
 */
import { checkProjectCode } from '../../../service/projects/project-code';

test.each(['2103-330283-04-01-391517', '2020-420100-89-01-000012', '2611-110105-47-03-00001X'])('%s is a well-formed code', (code) => {
  expect(checkProjectCode(code)).toEqual({ ok: true, code });
});

test('lower case and surrounding spaces are normalised', () => {
  expect(checkProjectCode(' 2611-110105-47-03-00001x ')).toEqual({ ok: true, code: '2611-110105-47-03-00001X' });
});

test.each([
  ['', 'a project code has 24 characters (five parts joined by "-"), not 0'],
  ['2103-330283-04-01-3915170', 'a project code has 24 characters (five parts joined by "-"), not 25'],
  ['2103 330283-04-01-391517', 'a project code has five parts joined by "-" (time-region-department-type-serial), not 4'],
  ['21033-30283-04-01-391517', "time (characters 1–4) must be 4 characters, not '21033'"],
  ['21A3-330283-04-01-391517', "time (characters 1–4) must be 4 digits, not '21A3'"],
  ['2103-33028X-04-01-391517', "region (characters 6–11) must be 6 digits, not '33028X'"],
  ['2103-330283-0A-01-391517', "department (characters 13–14) must be 2 digits, not '0A'"],
  ['2103-330283-04-0B-391517', "type (characters 16–17) must be 2 digits, not '0B'"],
  ['2103-330283-04-01-39A517', "serial (characters 19–24) must start with 5 random digits, not '39A51'"],
  ['2103-330283-04-01-39151*', "check character (character 24) must be a digit or a letter, not '*'"],
])('%j is refused: %s', (code, message) => {
  expect(checkProjectCode(code)).toEqual({ ok: false, message });
});
