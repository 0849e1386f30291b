/**
 * How workflow code parses with a zod schema. The worker shares the engine's modules between
 * its cached workflows, and the SDK freezes what they export (workflows/preload.ts); zod 4
 * finishes a schema on its first parse (members and parsers it defines then), which a frozen
 * schema refuses. So workflow code parses with its own copy, built on first use and kept in
 * this closure, which the freeze does not reach: one per workflow thread, shared like the
 * module, and deterministic all the same because a parse depends on its input only.
 */
import type { z } from 'zod';

/** `build` makes the whole schema afresh, nested schemas included (a shared one would be frozen). */
export function workflowParser<S extends z.ZodType>(build: () => S): (value: unknown) => z.ZodSafeParseResult<z.output<S>> {
  let schema: S | undefined;
  return (value) => (schema ??= build()).safeParse(value);
}
