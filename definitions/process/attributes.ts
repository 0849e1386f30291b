/**
 * A project's attributes against the definition's attribute schema: checking typed values
 * (API, workflow input) and reading `key=value` text (CLI, forms).
 */
import type { TAttributeSpec, TAttributeValue, TProblem, TProcessDefinition, TProjectAttributes } from './schema';
import { ZIsoDate } from './schema';

function checkValue(spec: TAttributeSpec, value: TAttributeValue): string | undefined {
  switch (spec.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'expected a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'expected true or false';
    case 'date':
      return typeof value === 'string' && ZIsoDate.safeParse(value).success ? undefined : 'expected a date YYYY-MM-DD';
    case 'select':
      return typeof value === 'string' && (spec.options ?? []).includes(value) ? undefined : `expected one of ${(spec.options ?? []).join(', ')}`;
    case 'text':
      return typeof value === 'string' ? undefined : 'expected text';
  }
}

/**
 * Problems with a project's attributes: unknown keys, wrong types; with `requireAll`, missing
 * required ones too (registration needs them; planning treats them as unknown).
 */
export function checkAttributes(definition: TProcessDefinition, attributes: TProjectAttributes, options: { requireAll?: boolean } = {}): TProblem[] {
  const specs = new Map(definition.attributes.map((a) => [a.key, a]));
  const problems: TProblem[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    const spec = specs.get(key);
    if (!spec) {
      problems.push({ path: `attributes.${key}`, message: `unknown attribute '${key}' (known: ${[...specs.keys()].join(', ') || 'none'})` });
      continue;
    }
    const wrong = checkValue(spec, value);
    if (wrong) problems.push({ path: `attributes.${key}`, message: `${wrong}, got ${JSON.stringify(value)}` });
  }
  if (options.requireAll) {
    for (const spec of definition.attributes) {
      if (spec.required && attributes[spec.key] === undefined) {
        problems.push({ path: `attributes.${spec.key}`, message: `required attribute '${spec.key}' (${spec.label.zh}) is missing` });
      }
    }
  }
  return problems;
}

/** Reads `key=value` pairs as typed attributes (numbers, booleans) by the attribute schema. */
export function parseAttributeText(definition: TProcessDefinition, pairs: readonly string[]): { attributes: TProjectAttributes; problems: TProblem[] } {
  const specs = new Map(definition.attributes.map((a) => [a.key, a]));
  const attributes: TProjectAttributes = {};
  const problems: TProblem[] = [];
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      problems.push({ path: `attributes`, message: `expected key=value, got '${pair}'` });
      continue;
    }
    const key = pair.slice(0, eq).trim();
    const text = pair.slice(eq + 1).trim();
    const type = specs.get(key)?.type;
    attributes[key] =
      type === 'number' && text !== '' && !Number.isNaN(Number(text))
        ? Number(text)
        : type === 'boolean' && (text === 'true' || text === 'false')
          ? text === 'true'
          : text;
  }
  problems.push(...checkAttributes(definition, attributes));
  return { attributes, problems };
}
