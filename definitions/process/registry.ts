/**
 * Published process definitions by id and version, each immutable and identified by a
 * content hash; a project records `{id, version, hash}` and keeps running under it.
 * Pure: files are read by definitions/process/node/definition-files.ts.
 */
import { nationalFourStage } from './builtin/national-four-stage';
import { wuhanIndustrial } from './builtin/wuhan-industrial';
import { wuhanIndustrialV2 } from './builtin/wuhan-industrial-v2';
import { wuhanIndustrialV3 } from './builtin/wuhan-industrial-v3';
import { wuhanIndustrialV4 } from './builtin/wuhan-industrial-v4';
import { zhanjiangIndustrial, zhanjiangIndustrialV2 } from './builtin/zhanjiang-industrial';
import { contentHash } from './hash';
import type { TDefinitionRef, TProblem, TProcessDefinition } from './schema';
import { DefinitionError, validateDefinition } from './validate';

/** The definitions shipped with the code, as documents (validated when a registry is made). */
export const builtinDefinitionDocuments: readonly unknown[] = [
  wuhanIndustrial,
  wuhanIndustrialV2,
  wuhanIndustrialV3,
  wuhanIndustrialV4,
  nationalFourStage,
  zhanjiangIndustrial,
  zhanjiangIndustrialV2,
];

/** A published definition with its identity and where it came from (`built-in` or a file). */
export interface TPublishedDefinition {
  readonly definition: TProcessDefinition;
  readonly ref: TDefinitionRef;
  readonly origin: string;
}

export type TPublishOutcome =
  { ok: true; ref: TDefinitionRef; /** False when the same content was already published. */ added: boolean } | { ok: false; problems: TProblem[] };

/** The id, version and content hash of a (parsed) definition. */
export function definitionRef(definition: TProcessDefinition): TDefinitionRef {
  return { id: definition.id, version: definition.version, hash: contentHash(definition) };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

export class DefinitionRegistry {
  private readonly byId = new Map<string, Map<number, TPublishedDefinition>>();

  /**
   * Validates and publishes a definition document. Publishing identical content again is a
   * no-op; the same id and version with different content is refused (a change needs a new version).
   */
  publish(document: unknown, origin = 'built-in'): TPublishOutcome {
    const validation = validateDefinition(document);
    if (!validation.ok) return validation;
    const definition = deepFreeze(validation.definition);
    const ref = definitionRef(definition);
    const versions = this.byId.get(ref.id) ?? new Map<number, TPublishedDefinition>();
    const existing = versions.get(ref.version);
    if (existing) {
      if (existing.ref.hash === ref.hash) return { ok: true, ref, added: false };
      return {
        ok: false,
        problems: [
          {
            path: 'version',
            message: `definition '${ref.id}' version ${ref.version} is already published with different content (hash ${existing.ref.hash.slice(0, 12)}…, from ${existing.origin}); published definitions are immutable: publish version ${this.latestVersion(ref.id)! + 1}`,
          },
        ],
      };
    }
    versions.set(ref.version, { definition, ref, origin });
    this.byId.set(ref.id, versions);
    return { ok: true, ref, added: true };
  }

  /** The definition with this id at `version`, or its default version (the latest not `optIn`); undefined if none. */
  get(id: string, version?: number): TProcessDefinition | undefined {
    return this.entry(id, version)?.definition;
  }

  /** Like {@link get}. @throws DefinitionError naming the known ids or versions */
  require(id: string, version?: number): TProcessDefinition {
    const found = this.get(id, version);
    if (found) return found;
    const versions = this.versions(id);
    const message =
      versions.length === 0
        ? `unknown process definition '${id}' (known: ${this.ids().join(', ') || 'none'})`
        : `process definition '${id}' has no version ${String(version)} (published: ${versions.join(', ')})`;
    throw new DefinitionError([{ path: 'id', message }], 'definition not found');
  }

  /**
   * The definition a project recorded, checked against its hash, so a project never silently
   * runs under changed content. @throws DefinitionError when missing or the content differs
   */
  resolve(ref: TDefinitionRef): TProcessDefinition {
    const entry = this.entry(ref.id, ref.version);
    if (!entry) return this.require(ref.id, ref.version);
    if (entry.ref.hash !== ref.hash) {
      throw new DefinitionError(
        [{ path: 'hash', message: `definition '${ref.id}' v${ref.version} has hash ${entry.ref.hash}, the project recorded ${ref.hash}` }],
        'definition changed',
      );
    }
    return entry.definition;
  }

  /** Published versions of `id`, ascending. */
  versions(id: string): number[] {
    return [...(this.byId.get(id)?.keys() ?? [])].sort((a, b) => a - b);
  }

  latestVersion(id: string): number | undefined {
    return this.versions(id).at(-1);
  }

  ids(): string[] {
    return [...this.byId.keys()].sort();
  }

  /** Every published version, by id then version. */
  list(): TPublishedDefinition[] {
    return this.ids().flatMap((id) => this.versions(id).map((v) => this.byId.get(id)!.get(v)!));
  }

  /** The version a project registered without one gets: the latest not marked `optIn`. */
  defaultVersion(id: string): number | undefined {
    return this.versions(id)
      .filter((v) => this.byId.get(id)!.get(v)!.definition.optIn !== true)
      .at(-1);
  }

  private entry(id: string, version?: number): TPublishedDefinition | undefined {
    const v = version ?? this.defaultVersion(id);
    return v === undefined ? undefined : this.byId.get(id)?.get(v);
  }
}

/**
 * A registry holding the built-ins plus `documents` (each with its origin for reports).
 * Problems of the extra documents are returned, not thrown; a broken built-in is a bug and throws.
 * @throws DefinitionError when a built-in definition is invalid
 */
export function createRegistry(documents: readonly { document: unknown; origin: string }[] = []): {
  registry: DefinitionRegistry;
  problems: (TProblem & { origin: string })[];
} {
  const registry = new DefinitionRegistry();
  for (const document of builtinDefinitionDocuments) {
    const outcome = registry.publish(document, 'built-in');
    if (!outcome.ok) throw new DefinitionError(outcome.problems, 'invalid built-in process definition');
  }
  const problems: (TProblem & { origin: string })[] = [];
  for (const { document, origin } of documents) {
    const outcome = registry.publish(document, origin);
    if (!outcome.ok) problems.push(...outcome.problems.map((p) => ({ ...p, origin })));
  }
  return { registry, problems };
}

let builtins: DefinitionRegistry | undefined;
/** The registry of built-in definitions, made once. */
export function builtinRegistry(): DefinitionRegistry {
  builtins ??= createRegistry().registry;
  return builtins;
}

/** A built-in definition by id, latest version unless `version` is given. */
export function getDefinition(id: string, version?: number): TProcessDefinition | undefined {
  return builtinRegistry().get(id, version);
}

/** Every built-in definition version. */
export function listDefinitions(): TPublishedDefinition[] {
  return builtinRegistry().list();
}
