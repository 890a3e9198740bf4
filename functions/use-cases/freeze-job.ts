/** Freezing and drawing as jobs (issue 12): placeholder until the population index lands. */
export async function freezeSegment(planId: string, freezeId: string, segment: number): Promise<void> {
  throw new Error(`Plan ${planId}/${freezeId}: segment ${segment}: not built yet`);
}
export async function commitFreeze(planId: string, freezeId: string): Promise<void> {
  throw new Error(`Plan ${planId}/${freezeId}: not built yet`);
}
export async function runDrawJob(planId: string): Promise<void> {
  throw new Error(`Plan ${planId}: not built yet`);
}
