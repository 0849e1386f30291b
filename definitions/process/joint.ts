/**
 * The checks a joint acceptance (联合验收) needs beyond its shape: several departments inspect
 * on one visit, so the stage's items do not wait for each other, and the combined conclusion
 * is a result of its own.
 */
import type { TProcessDefinition } from './schema';

/** Reports every problem of the joint acceptances of `def`, each at its path. */
export function checkJointAcceptances(def: TProcessDefinition, report: (path: string, message: string) => void): void {
  const resultIds = new Set(def.stages.flatMap((s) => s.items.flatMap((i) => i.results.map((r) => r.id))));
  def.stages.forEach((stage, si) => {
    const joint = stage.joint;
    if (!joint) return;
    const path = `stages[${si}].joint`;
    if (joint.promisedLimit > joint.legalLimit) {
      report(`${path}.promisedLimit`, `promised limit ${joint.promisedLimit} working days is above the joint acceptance's legal limit ${joint.legalLimit}`);
    }
    if (joint.promisedLimit > stage.budget) report(`${path}.promisedLimit`, `promised limit ${joint.promisedLimit} is above the stage budget ${stage.budget}`);
    const departments = new Set(stage.items.map((i) => i.department));
    if (departments.size < 2) {
      report(
        `stages[${si}].items`,
        `a joint acceptance needs sub-inspections by at least two departments (stage '${stage.id}' has ${[...departments].join(', ')})`,
      );
    }
    if (resultIds.has(joint.result.id))
      report(`${path}.result.id`, `result '${joint.result.id}' is already issued by an item; the combined conclusion needs its own id`);
    stage.items.forEach((item, ii) => {
      const at = `stages[${si}].items[${ii}]`;
      // One site visit: the parts are inspected together, none waits for another's decision.
      if (item.dependsOn.length > 0)
        report(`${at}.dependsOn`, `item '${item.id}' is a part of a joint acceptance, inspected on the one site visit: it cannot depend on another item`);
      if (item.earlyStart) report(`${at}.earlyStart`, `item '${item.id}' is a part of a joint acceptance: it cannot start early`);
      if (item.promise)
        report(`${at}.promise`, `item '${item.id}' is a part of a joint acceptance, decided on site: it cannot be decided on a written promise`);
      item.materials.forEach((m, mi) => {
        const inStage = m.providedByResult !== undefined && stage.items.some((other) => other.results.some((r) => r.id === m.providedByResult));
        if (inStage) {
          report(
            `${at}.materials[${mi}].providedByResult`,
            `material '${m.id}' waits for result '${m.providedByResult}' of the same joint acceptance; its parts are inspected together`,
          );
        }
      });
    });
  });
}
