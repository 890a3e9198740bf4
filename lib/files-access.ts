import { fileKeys } from '../functions/data/files.ts';
import type { Capability } from '../functions/capabilities.ts';

export type FileAccess = NonNullable<Capability['files']>;

/** The key prefix a key builder of functions/data/files.ts writes under (everything before its first id). */
const prefixOf = (key: (...ids: string[]) => string) => {
  const marker = '\u0000';
  const built = key(marker, marker);
  return built.slice(0, built.indexOf(marker));
};

/**
 * The parts of the files bucket a capability works in, from the key builders themselves, so that a
 * writer of plan documents cannot touch uploads and an importer cannot overwrite a published plan.
 * A capability not named here (the jobs worker, which runs every kind of job, among them) reaches
 * every key; its `files` flag still decides whether it reads, writes or both.
 */
export const FILE_AREAS: Readonly<Record<string, readonly string[]>> = {
  plans: [prefixOf(fileKeys.publicPlanDocument), prefixOf(fileKeys.fullPlanDocument)],
  public: [prefixOf(fileKeys.publicPlanDocument)],
  imports: [prefixOf(fileKeys.importUpload), prefixOf(fileKeys.importRejects)],
};

/** The prefixes `capability` is confined to; `['']` is the whole bucket. */
export const fileAreasOf = (capability: string): readonly string[] => FILE_AREAS[capability] ?? [''];

/** Object reads; a pre-signed GET URL carries the signer's GetObject permission. HEAD is authorized by GetObject. */
export const FILE_READ_ACTIONS = ['s3:GetObject'];
/** Object writes; a pre-signed PUT URL (an import upload) carries the signer's PutObject permission. Nothing is ever deleted. */
export const FILE_WRITE_ACTIONS = ['s3:PutObject'];

export const readsFiles = (access: FileAccess) => access === 'read' || access === 'readwrite';
export const writesFiles = (access: FileAccess) => access === 'write' || access === 'readwrite';
