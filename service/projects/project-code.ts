/**
 * 项目代码 (the national investment project code) per GB/T 40058-2021 and 发改投资〔2020〕1439号:
 * 24 characters, five parts joined by "-". Pure, no imports, so the web app can use it as well.
 *
 * Confirmed from public sources (NDRC's Q&A on the standard, 2021-05; Hubei DRC's notice on the
 * code's switch-over, 2021-01; the standard's table of contents §4.2–4.7): 4-character time code,
 * 6-character region code, 2-character central business-guidance department code, 2-character
 * project type code, then 5 random characters and 1 check character, in that order, "-" between
 * the parts, 24 characters in all.
 * NOT confirmed, so NOT checked: the check character's algorithm (§4.7), the department and type
 * code tables (§4.4, §4.5), whether the time code is year+month, and the alphabet of the check
 * character. The parts are checked as digits (every published code seen is digits) and the check
 * character as a digit or upper-case letter, so that no genuine code is refused for a rule we guessed.
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

export type TProjectCodeCheck = { ok: true; code: string } | { ok: false; message: string };

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
    if (part.name === 'serial') {
      if (!/^\d{5}$/.test(value.slice(0, 5))) return { ok: false, message: `${where} must start with 5 random digits, not '${value.slice(0, 5)}'` };
      if (!/^[0-9A-Z]$/.test(value[5]!)) return { ok: false, message: `check character (character 24) must be a digit or a letter, not '${value[5]}'` };
    } else if (!/^\d+$/.test(value)) return { ok: false, message: `${where} must be ${part.length} digits, not '${value}'` };
  }
  return { ok: true, code };
}
