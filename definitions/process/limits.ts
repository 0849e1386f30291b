/**
 * Size limits of what a caller registers (issue 11): pure data and one check, shared by the
 * route's schema (service/routes/projects.types.ts, read by the web's types too) and
 * registration (service/projects/registration.ts).
 */
/**
 * Definitions register fewer than 10 attributes and 3–4 stages, so these are generous; they
 * keep the workflow input (fixed in history, carried by every continue-as-new) small.
 */
export const REGISTRATION_LIMITS = {
  titleChars: 200,
  attributes: 50,
  attributeKeyChars: 64,
  attributeValueChars: 200,
  preparationStages: 20,
} as const;

/**
 * Problems of a keyed record that is too large: one problem naming the record (not one per key,
 * which a body of 40,000 keys would turn into a 40,000-issue answer).
 */
export function recordSizeProblems(
  path: string,
  record: Record<string, unknown> | undefined,
  maxKeys: number,
  maxKeyChars: number,
): Array<{ path: string; message: string }> {
  if (!record) return [];
  const keys = Object.keys(record);
  if (keys.length > maxKeys) return [{ path, message: `at most ${maxKeys} entries (got ${keys.length})` }];
  const long = keys.find((k) => k.length > maxKeyChars);
  return long === undefined ? [] : [{ path, message: `a key has at most ${maxKeyChars} characters (got ${long.length})` }];
}
