import { createHash } from 'node:crypto';
import { readConfig } from '#config';
import { documentSlot, isPending, type Plan, type PlanDocumentKind, type PublishedDocument } from '#domain/plans.ts';
import { fullDocument, publicDocument, type DrawnPart, type FullPlanDocument, type PublicPlanDocument } from '#domain/public-plan.ts';
import { publishedResult, type PlanResult } from '#domain/inspection-results.ts';
import { NotFoundError } from '#domain/errors.ts';
import { getPlan, listResults, recordPlanDocument } from '#data/plans.ts';
import { enqueue } from '#jobs/queue.ts';
import { fileExists, fileKeys, publicFileUrl, putFile, readStoredFile, signedDownloadUrl, writeDocument } from '#data/files.ts';
import { logger } from '#http/logger.ts';
import { readPopulation, readRoster, readSample, storedPlan } from './plans.ts';

/**
 * The two documents of a plan (API.md, "Inspectors, plans, draws, results"): the public one (一公开)
 * and the full one for its departments and auditors.
 *
 * Steps:
 * 1. Once a freeze commits, and again once a draw commits, a job publishes both documents as
 *    content-addressed files without results, and notes them on the plan (a projection: a read that finds
 *    the note or the file missing publishes it again — the same content, the same key).
 * 2. A read takes the results from the table, so that each shows as soon as its request answered.
 * 3. Up to PLAN_DOCUMENT_INLINE_BYTES the API answers the document itself, built from the plan's items.
 * 4. Above it, 303: to the published file when there are no results, else to the file with these
 *    results merged in (named by both digests, so written once per set of results). The public
 *    document's file is public (CloudFront); the full one's only through a short-lived signed URL.
 */
export type PlanDocumentAnswer<D> = { document: D } | { location: string };

type Document = PublicPlanDocument | FullPlanDocument;

/** The document's kind as the public route serves it: the full one in a deployment with PUBLIC_PLAN_STRATA=1. */
const publicKind = (): PlanDocumentKind => (readConfig().PUBLIC_PLAN_STRATA === '1' ? 'full' : 'public');

async function sampleOf(plan: Plan): Promise<DrawnPart | undefined> {
  return plan.drawnAt ? { sample: await readSample(plan), results: [] } : undefined;
}

/** The document of this kind as the plan now stands, without results. */
async function documentWithoutResults(plan: Plan, kind: PlanDocumentKind): Promise<Document> {
  if (kind === 'public') return publicDocument(plan, await sampleOf(plan));
  const [population, roster, drawn] = await Promise.all([readPopulation(plan), readRoster(plan), sampleOf(plan)]);
  return fullDocument(plan, population, roster, drawn);
}

/** Where a document lives: public files for anyone, private ones behind signed URLs. */
function keyOf(plan: Plan, visibility: 'public' | 'private', sha256: string): string {
  return visibility === 'public' ? fileKeys.publicPlanDocument(plan.planId, sha256) : fileKeys.fullPlanDocument(plan.planId, sha256);
}

/** Publishes the document of this kind (idempotent) and notes it on the plan. */
async function publish(plan: Plan, kind: PlanDocumentKind, visibility: 'public' | 'private'): Promise<PublishedDocument> {
  const content = JSON.stringify(await documentWithoutResults(plan, kind));
  const stored = await writeDocument((sha256) => keyOf(plan, visibility, sha256), content);
  const published = { sha256: stored.sha256, bytes: stored.bytes };
  await recordPlanDocument(plan.planId, documentSlot(plan, kind), published);
  return published;
}

/** Both documents of the plan as it now stands, published; answers what was written, for the log. */
export async function publishPlanDocuments(plan: Plan): Promise<string> {
  const [publicDoc, fullDoc] = await Promise.all([publish(plan, publicKind(), 'public'), publish(plan, 'full', 'private')]);
  return `plan ${plan.planId}: ${plan.drawnAt ? 'draw' : 'population'} documents published, public ${publicDoc.bytes} bytes, full ${fullDoc.bytes} bytes`;
}

/** The job after a commit (a freeze's or a draw's): publish the documents of the plan as it now is. */
export async function publishPlanDocumentsJob(planId: string): Promise<string | void> {
  const plan = await getPlan(planId);
  if (!plan || isPending(plan)) return;
  return publishPlanDocuments(plan);
}

/** Queues the publication of a plan's documents once its freeze or draw has committed. */
export async function afterCommit(planId: string): Promise<void> {
  await enqueue([{ kind: 'publish-plan-documents', planId }]).catch((error: unknown) =>
    logger.warn('plan documents not queued for publication; the next read publishes them', { planId, error: error as Error }),
  );
}

/** The results as a document carries them, serialised once for sizing, naming and merging. */
const resultsJson = (results: readonly PlanResult[]) => JSON.stringify(results.map(publishedResult));
const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** A drawn document ends with its results (functions/domain/public-plan.ts), published empty. */
const EMPTY_RESULTS_END = ',"results":[]}';

/**
 * The published text with these results in place of the empty list: the very text the API would answer
 * inline, without parsing a document that may be tens of megabytes.
 */
function mergeResults(published: string, results: string): string {
  if (!published.endsWith(EMPTY_RESULTS_END)) throw new Error('A published drawn document must end with its empty results');
  return `${published.slice(0, -'[]}'.length)}${results}}`;
}

/** The document of this kind, inline or as the location of its file. */
async function answer(plan: Plan, kind: PlanDocumentKind, visibility: 'public' | 'private'): Promise<PlanDocumentAnswer<Document>> {
  const noted = plan.documents?.[documentSlot(plan, kind)];
  const results = plan.drawnAt ? await listResults(plan.planId) : [];
  const published = noted ?? (await publish(plan, kind, visibility));
  const shown = results.length ? resultsJson(results) : '[]';
  if (published.bytes - 2 + Buffer.byteLength(shown) <= readConfig().PLAN_DOCUMENT_INLINE_BYTES) {
    const document = await documentWithoutResults(plan, kind);
    return { document: plan.drawnAt ? { ...document, results: results.map(publishedResult) } : document };
  }
  let base = keyOf(plan, visibility, published.sha256);
  if (!(await fileExists(base))) base = keyOf(plan, visibility, (await publish(plan, kind, visibility)).sha256);
  const key = results.length ? fileKeys.withResults(base, digest(shown)) : base;
  if (key !== base && !(await fileExists(key))) {
    const stored = await readStoredFile(base);
    if (!stored) throw new Error(`Plan ${plan.planId}: the published document ${base} could not be read back`);
    const merged = mergeResults(stored.toString('utf8'), shown);
    await putFile(key, Buffer.from(merged, 'utf8'), { contentType: 'application/json; charset=utf-8', gzip: true, immutable: true });
  }
  const linked = visibility === 'public' && readConfig().PUBLIC_FILE_LINKS === 'public';
  return { location: linked ? publicFileUrl(key) : await signedDownloadUrl(key) };
}

/**
 * The public document (一公开): commitment, sizes, salted per-stratum hashes and, once drawn, the
 * seed, the sample (no stratum: risk classes are internal) and the results. With
 * PUBLIC_PLAN_STRATA=1 the deployment publishes the full document instead.
 */
export async function publicPlanDocument(planId: string): Promise<PlanDocumentAnswer<Document>> {
  const stored = await storedPlan(planId);
  // Nothing is published before the population is frozen.
  if (isPending(stored)) throw new NotFoundError(`Plan ${planId} has not frozen its population yet`);
  return answer(stored, publicKind(), 'public');
}

/** The full document: everything needed to re-run the whole draw, for plan departments and auditors. */
export async function fullPlanDocument(plan: Plan): Promise<PlanDocumentAnswer<FullPlanDocument>> {
  return answer(plan, 'full', 'private') as Promise<PlanDocumentAnswer<FullPlanDocument>>;
}
