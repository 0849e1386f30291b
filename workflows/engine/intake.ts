/**
 * Intake rules (受理): what an application lacks, and the supply deadlines of what is tolerated
 * (容缺受理). Pure functions of the stage's spec, so the engine and its tests share one rule.
 */
import type { TSpecStage } from '../model/spec';
import type { MissingMaterial } from '../machines/stage.machine';
import { DecisionRefused } from './refusal';

/** The key of a tolerance commitment: one per item and material. */
export const commitmentKey = (itemId: string, materialId: string) => `${itemId}/${materialId}`;

/**
 * What an application lacks. A material that a result provides is never asked of the
 * enterprise when that result is already issued or will be issued by an item of this same
 * stage (电子证照 reuse: the department takes it from the result, not from the applicant).
 */
export function missingMaterials(stage: TSpecStage, provided: ReadonlySet<string>, issued: ReadonlySet<string>): MissingMaterial[] {
  const fromThisStage = new Set(stage.items.flatMap((i) => i.results.map((r) => r.id)));
  const missing: MissingMaterial[] = [];
  for (const item of stage.items) {
    for (const m of item.materials) {
      if (provided.has(m.id)) continue;
      if (m.providedByResult && (issued.has(m.providedByResult) || fromThisStage.has(m.providedByResult))) continue;
      missing.push({ itemId: item.id, materialId: m.id, kind: m.kind });
    }
  }
  return missing;
}

/** The coordinator's supply deadlines (容缺承诺期限): every missing tolerable material once, none above the definition's. */
export function toleranceDeadlines(
  stage: TSpecStage,
  missing: MissingMaterial[],
  chosen: Array<{ itemId: string; materialId: string; supplyWithinDays: number }> | undefined,
): Map<string, number> | undefined {
  if (!chosen) return undefined;
  const owed = new Map(missing.filter((m) => m.kind === 'tolerable').map((m) => [commitmentKey(m.itemId, m.materialId), m]));
  const deadlines = new Map<string, number>();
  for (const c of chosen) {
    const key = commitmentKey(c.itemId, c.materialId);
    if (!owed.has(key))
      throw new DecisionRefused(`tolerate: ${c.itemId}/${c.materialId} is not a missing tolerable material of this application`, 'INVALID_FIELD', 'tolerate');
    if (deadlines.has(key)) throw new DecisionRefused(`tolerate: ${c.itemId}/${c.materialId} is listed twice`, 'INVALID_FIELD', 'tolerate');
    const limit = stage.items.find((i) => i.id === c.itemId)!.materials.find((m) => m.id === c.materialId)!.supplyWithinDays ?? 0;
    if (c.supplyWithinDays > limit)
      throw new DecisionRefused(`tolerate: ${c.materialId} may be owed for at most ${limit} working days`, 'INVALID_FIELD', 'tolerate');
    deadlines.set(key, c.supplyWithinDays);
  }
  const unlisted = [...owed.keys()].filter((k) => !deadlines.has(k));
  if (unlisted.length > 0)
    throw new DecisionRefused(`tolerate: every missing tolerable material needs a deadline; not listed: ${unlisted.join(', ')}`, 'INVALID_FIELD', 'tolerate');
  return deadlines;
}
