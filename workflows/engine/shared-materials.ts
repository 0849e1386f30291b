/**
 * Materials satisfied once for many (issue 16): a 多测合一 survey supplied in any application
 * serves every material of its survey type, and a park's area-wide assessment (区域评估) in the
 * workflow input serves the materials of its type. Pure functions of the state and the
 * command's instant, so replays decide the same; specs without these fields satisfy nothing.
 */
import type { TSpecMaterial, TSpecStage } from '../model/spec';
import type { ProjectEngine } from './project-engine';

export type TSatisfaction =
  | { source: 'survey'; surveyType: string; stageId: string; materialId: string; at: string }
  | { source: 'park'; parkId: string; parkName: string; assessmentId: string; assessmentType: string; validUntil: string };

/** The park's assessment that satisfies `material` on `today` (valid from/until, inclusive), if any. */
function parkAssessmentFor(engine: ProjectEngine, material: TSpecMaterial, today: string): TSatisfaction | undefined {
  const park = engine.input.park;
  if (!park || material.parkAssessment === undefined) return undefined;
  const a = park.assessments.find((x) => x.type === material.parkAssessment && x.validFrom <= today && today <= x.validUntil);
  return a && { source: 'park', parkId: park.id, parkName: park.name, assessmentId: a.id, assessmentType: a.type, validUntil: a.validUntil };
}

/** Surveys supplied before, and those handed in now with `stage`'s application (the first supply of a type counts). */
function surveysWith(engine: ProjectEngine, stage: TSpecStage, handedIn: readonly string[], now: string) {
  const surveys = { ...(engine.raw.surveys ?? {}) };
  for (const item of stage.items)
    for (const m of item.materials)
      if (m.survey !== undefined && handedIn.includes(m.id) && !surveys[m.survey]) surveys[m.survey] = { stageId: stage.id, materialId: m.id, at: now };
  return surveys;
}

/**
 * The materials of `stage` satisfied without being handed in, by material id: by a survey of
 * their type supplied before or with `handedIn`, or by the park's assessment valid on the day
 * of `now`. Intake never asks for them.
 */
export function satisfiedMaterials(engine: ProjectEngine, stage: TSpecStage, now: string, handedIn: readonly string[] = []): Map<string, TSatisfaction> {
  const today = engine.workingCalendar.dateOf(now);
  const surveys = surveysWith(engine, stage, handedIn, now);
  const out = new Map<string, TSatisfaction>();
  for (const item of stage.items) {
    for (const m of item.materials) {
      if (handedIn.includes(m.id) || out.has(m.id)) continue;
      const park = parkAssessmentFor(engine, m, today);
      const survey = m.survey !== undefined ? surveys[m.survey] : undefined;
      if (park) out.set(m.id, park);
      else if (survey) out.set(m.id, { source: 'survey', surveyType: m.survey!, ...survey });
    }
  }
  return out;
}

/** Records the surveys first supplied with this application (多测合一), replacing the record so forks stay apart. */
export function recordSurveys(engine: ProjectEngine, stage: TSpecStage, handedIn: readonly string[], now: string): void {
  const before = engine.raw.surveys ?? {};
  const after = surveysWith(engine, stage, handedIn, now);
  if (Object.keys(after).length > Object.keys(before).length) engine.raw.surveys = after;
}

/** The materials of `itemId` among `materialIds` that the park's assessment satisfies: a correction never asks for them. */
export function parkSatisfied(engine: ProjectEngine, itemId: string, materialIds: readonly string[], now: string): string[] {
  const { item } = engine.specItem(itemId);
  const today = engine.workingCalendar.dateOf(now);
  return materialIds.filter((id) => {
    const m = item.materials.find((x) => x.id === id);
    return m !== undefined && parkAssessmentFor(engine, m, today) !== undefined;
  });
}

/** Every satisfied material of the project as the view lists it: stage by stage, what satisfied it. */
export function satisfiedView(engine: ProjectEngine, now: string): Array<TSatisfaction & { forStageId: string; forMaterialId: string }> {
  const out: Array<TSatisfaction & { forStageId: string; forMaterialId: string }> = [];
  for (const stage of engine.input.spec.stages) {
    const handedIn = engine.raw.forms?.[stage.id]?.materials ?? [];
    const submittedAt = engine.stage(stage.id).context.submittedAt;
    for (const [materialId, s] of satisfiedMaterials(engine, stage, now, handedIn)) {
      // A survey supplied after this stage's application did not serve it.
      if (s.source === 'survey' && submittedAt !== null && s.at > submittedAt) continue;
      out.push({ ...s, forStageId: stage.id, forMaterialId: materialId });
    }
  }
  return out;
}
