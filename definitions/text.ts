/**
 * Free text people type (reasons, findings, names, comments, addresses): the one schema every
 * text field the service accepts is built on. PostgreSQL refuses NUL in text and JSON (a 500
 * before, found by schemathesis on the intermediary directory), and control characters or
 * unpaired surrogates are unreadable in a history, a notice or a CSV, so each is a 400 naming
 * its field. Pure zod: the workflow's command schema is built on it too.
 */
import { z } from 'zod';

// Tab, line feed and carriage return stay allowed: reasons and findings have several lines.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNREADABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNREADABLE_TEXT = 'control characters and unpaired surrogates are not allowed';

export const isReadable = (s: string): boolean => !UNREADABLE.test(s);

/**
 * A string without control characters (other than tab and line breaks) or unpaired surrogates;
 * chain `.trim()`, `.min()`, `.max()`, `.regex()` as the field needs. Built afresh on each call,
 * because workflow code parses with schemas of its own (workflows/model/workflow-parser.ts).
 */
export function readableText(): z.ZodString {
  return z.string().refine(isReadable, UNREADABLE_TEXT);
}
