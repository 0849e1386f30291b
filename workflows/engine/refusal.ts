/** A decision the engine refuses; the update validator turns it into an ApplicationFailure. */
export class DecisionRefused extends Error {
  override readonly name = 'DecisionRefused';
}
