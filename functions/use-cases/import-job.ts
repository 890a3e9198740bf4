/** The import job (issue 12, imports through the API): placeholder until the import use case lands. */
export async function runImportJob(importId: string): Promise<void> {
  throw new Error(`Import ${importId}: imports are not built yet`);
}
