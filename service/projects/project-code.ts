/**
 * 项目代码 (the national investment project code) per GB/T 40058-2021 and 发改投资〔2020〕1439号:
 * 24 characters, five parts joined by "-". Pure, no imports, so the web app can use it as well.
 *
 * Confirmed from public sources (NDRC's Q&A on the standard, 2021-05; Hubei DRC's notice on the
 * code's switch-over, 2021-01; the standard's table of contents §4.2–4.7): 4-character time code,
 * 6-character region code, 2-character central business-guidance department code, 2-character
 * project type code, then 5 random characters and 1 check character, in that order, "-" between
 * the parts, 24 characters in all.
 *
 * The check character (§4.7): the standard's text was not reachable here, so the rule is the one
 * every published code we found obeys: ISO/IEC 7064 MOD 11,10 (GB/T 17710's hybrid system, digits
 * only) over the 19 digits before it (the "-" left out). Six codes from 2021–2026 notices in five provinces
 * (tests/unit/service/project-code.test.ts) all satisfy it; a wrong rule would pass each by chance
 * with 1 in 10. Codes issued before the standard (time code a year, 2017–2021: "2020-451421-88-03-
 * 016343") have no check character and are accepted as they were issued.
 * NOT confirmed, so NOT checked: the department and type code tables (§4.4, §4.5).
 */

/** The parts in order, with their 1-based character ranges in the 24-character code. */
export const PROJECT_CODE_PARTS = [
  { name: 'time', label: '时间代码', from: 1, length: 4 },
  { name: 'region', label: '地区代码', from: 6, length: 6 },
  { name: 'department', label: '中央业务指导部门代码', from: 13, length: 2 },
  { name: 'type', label: '项目类型代码', from: 16, length: 2 },
  { name: 'serial', label: '随机码和校验码', from: 19, length: 6 },
] as const;

export const PROJECT_CODE_LENGTH = 24;

/** Years the online platform issued codes in before GB/T 40058 made the time code year + month. */
const LEGACY_YEARS = { from: 2017, to: 2021 };

export type TProjectCodeCheck = { ok: true; code: string } | { ok: false; message: string };

/** ISO/IEC 7064 MOD 11,10: the digit that makes `digits` + it a valid string. */
export function projectCodeCheckCharacter(digits: string): string {
  let p = 10;
  for (const c of digits) {
    const s = (p + Number(c)) % 10 || 10;
    p = (s * 2) % 11;
  }
  return String((11 - p) % 10);
}

/** How the time code reads: year + month (GB/T 40058), a year (issued before it), or neither. */
function timeCodeKind(time: string): 'yearMonth' | 'legacyYear' | undefined {
  const month = Number(time.slice(2));
  if (month >= 1 && month <= 12) return 'yearMonth';
  const year = Number(time);
  return year >= LEGACY_YEARS.from && year <= LEGACY_YEARS.to ? 'legacyYear' : undefined;
}

/**
 * Checks a code and returns it normalised (trimmed, upper case), or says which part is wrong,
 * e.g. "region (characters 6–11) must be 6 digits, not '33A106'".
 */
export function checkProjectCode(input: string): TProjectCodeCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== PROJECT_CODE_LENGTH) return { ok: false, message: `a project code has 24 characters (five parts joined by "-"), not ${code.length}` };
  const parts = code.split('-');
  if (parts.length !== PROJECT_CODE_PARTS.length)
    return { ok: false, message: `a project code has five parts joined by "-" (time-region-department-type-serial), not ${parts.length}` };
  for (const [i, part] of PROJECT_CODE_PARTS.entries()) {
    const value = parts[i]!;
    const where = `${part.name} (characters ${part.from}–${part.from + part.length - 1})`;
    if (value.length !== part.length) return { ok: false, message: `${where} must be ${part.length} characters, not '${value}'` };
    if (!/^\d+$/.test(value)) return { ok: false, message: `${where} must be ${part.length} digits, not '${value}'` };
  }
  const kind = timeCodeKind(parts[0]!);
  if (kind === undefined) {
    return {
      ok: false,
      message: `time (characters 1–4) must be year and month (YYMM), or a year ${LEGACY_YEARS.from}–${LEGACY_YEARS.to} on a code issued before GB/T 40058, not '${parts[0]}'`,
    };
  }
  if (kind === 'yearMonth') {
    const digits = parts.join('');
    if (projectCodeCheckCharacter(digits.slice(0, -1)) !== digits.slice(-1)) {
      return { ok: false, message: `check character (character 24) does not match the other 19 digits (GB/T 17710 MOD 11,10): look for a mistyped digit` };
    }
  }
  return { ok: true, code };
}

/** A valid code from its first 23 characters, time-region-department-type-random (19 digits): for examples and tests. */
export function withCheckCharacter(first23: string): string {
  return `${first23}${projectCodeCheckCharacter(first23.replaceAll('-', ''))}`;
}
