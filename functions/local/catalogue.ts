/** Loads the reference memoranda into the store at bootstrap (filled in by the credit-check capability). */
export async function loadReferenceCatalogue(): Promise<void> {}
