/**
 * Rules of materials satisfied once for many (issue 16): 多测合一 surveys, a park's area-wide
 * assessments (区域评估) and intermediary services' deliverables (中介服务). Checked with the rest
 * of a definition by validate.ts; each problem names its path.
 */
import type { TProcessDefinition } from './schema';

export function checkSharedMaterials(def: TProcessDefinition, report: (path: string, message: string) => void): void {
  const stageIndex = new Map(def.stages.map((s, si) => [s.id, si]));
  // The stages in which each material id is asked for: a deliverable serves its own stage or a later one.
  const askedIn = new Map<string, number[]>();
  def.stages.forEach((stage, si) =>
    stage.items.forEach((item, ii) =>
      item.materials.forEach((m, mi) => {
        askedIn.set(m.id, [...(askedIn.get(m.id) ?? []), si]);
        if (m.survey !== undefined && m.parkAssessment !== undefined)
          report(`stages[${si}].items[${ii}].materials[${mi}]`, `material '${m.id}' names both a survey and a park assessment: one source satisfies it`);
      }),
    ),
  );
  const seen = new Map<string, string>();
  const itemIds = new Set(def.stages.flatMap((s) => s.items.map((i) => i.id)));
  def.stages.forEach((stage, si) =>
    (stage.intermediaries ?? []).forEach((service, xi) => {
      const path = `stages[${si}].intermediaries[${xi}]`;
      if (seen.has(service.id) || itemIds.has(service.id)) report(`${path}.id`, `intermediary service '${service.id}' repeats an item or service id`);
      seen.set(service.id, path);
      service.satisfies.forEach((materialId, mi) => {
        const stages = askedIn.get(materialId);
        if (!stages) report(`${path}.satisfies[${mi}]`, `intermediary service '${service.id}' satisfies unknown material '${materialId}'`);
        else if (!stages.some((s) => s >= si))
          report(`${path}.satisfies[${mi}]`, `material '${materialId}' is asked for only before stage '${stage.id}': the deliverable would come too late`);
      });
      if (service.startsIn !== undefined) {
        const at = stageIndex.get(service.startsIn);
        if (at === undefined) report(`${path}.startsIn`, `intermediary service '${service.id}' starts in unknown stage '${service.startsIn}'`);
        else if (at > si)
          report(`${path}.startsIn`, `intermediary service '${service.id}' may only move earlier, not to the later stage '${service.startsIn}'`);
      }
    }),
  );
}
