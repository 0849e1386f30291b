/**
 * Reading definition files (JSON or YAML) and a directory of them into a registry, with every
 * problem reported as file + path + message. Node only: never import this from workflow code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { createRegistry, type DefinitionRegistry } from '../registry';
import type { TDefinitionRef, TProblem, TProcessDefinition } from '../schema';
import { validateDefinition } from '../validate';

/** A problem in a definition file. */
export interface TFileProblem extends TProblem {
  readonly file: string;
}

export const DEFINITION_FILE_EXTENSIONS = ['.json', '.yaml', '.yml'] as const;

/** The document in a JSON or YAML file (by extension), or its syntax problems with line numbers. */
export function readDefinitionDocument(file: string): { ok: true; document: unknown } | { ok: false; problems: TFileProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, problems: [{ file, path: '', message: `cannot read: ${(err as Error).message}` }] };
  }
  if (extname(file).toLowerCase() === '.json') {
    try {
      return { ok: true, document: JSON.parse(text) as unknown };
    } catch (err) {
      return { ok: false, problems: [{ file, path: '', message: `invalid JSON: ${(err as Error).message}` }] };
    }
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => ({ file, path: '', message: `invalid YAML: ${e.message.split('\n')[0]!.replace(/:$/, '')}` })) };
  }
  return { ok: true, document: doc.toJS() as unknown };
}

/** Reads and validates one definition file. */
export function validateDefinitionFile(file: string): { ok: true; definition: TProcessDefinition } | { ok: false; problems: TFileProblem[] } {
  const read = readDefinitionDocument(file);
  if (!read.ok) return read;
  const result = validateDefinition(read.document);
  return result.ok ? result : { ok: false, problems: result.problems.map((p) => ({ file, ...p })) };
}

/** The definition files of a directory (not recursive), sorted by name. */
export function definitionFilesIn(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => (DEFINITION_FILE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase()))
    .sort()
    .map((name) => join(directory, name))
    .filter((file) => statSync(file).isFile());
}

/**
 * The built-ins plus every definition file of `directory`, for start-up: each file is
 * validated and published; problems of all files are collected (a bad file does not stop the
 * others), including the same id and version published twice with different content.
 */
export function loadDefinitionRegistry(directory?: string): {
  registry: DefinitionRegistry;
  loaded: { file: string; ref: TDefinitionRef }[];
  problems: TFileProblem[];
} {
  const { registry } = createRegistry();
  const loaded: { file: string; ref: TDefinitionRef }[] = [];
  const problems: TFileProblem[] = [];
  if (directory === undefined) return { registry, loaded, problems };
  let files: string[];
  try {
    files = definitionFilesIn(directory);
  } catch (err) {
    return { registry, loaded, problems: [{ file: directory, path: '', message: `cannot list definitions: ${(err as Error).message}` }] };
  }
  for (const file of files) {
    const read = readDefinitionDocument(file);
    if (!read.ok) {
      problems.push(...read.problems);
      continue;
    }
    const outcome = registry.publish(read.document, file);
    if (outcome.ok) loaded.push({ file, ref: outcome.ref });
    else problems.push(...outcome.problems.map((p) => ({ file, ...p })));
  }
  return { registry, loaded, problems };
}

/** Problems as lines `file: path: message`, for logs and the CLI. */
export function formatFileProblems(problems: readonly TFileProblem[]): string {
  return problems.map((p) => `${p.file}: ${p.path || '(document)'}: ${p.message}`).join('\n');
}
