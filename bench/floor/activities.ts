/** The floor's one activity: returns at once, so what is measured is Temporal's cost of an activity. */
export function createFloorActivities() {
  return {
    async floorEffect(step: number): Promise<number> {
      return step;
    },
  };
}
