import { resolve } from 'node:path';

/**
 * Where the local service keeps its state — the store, the token secret, files — unless DATA_DIR says
 * otherwise: `.local` in the project, git-ignored, apart from the tracked catalogue in `data/`.
 * Deleting it resets the local service.
 */
export const DEFAULT_DATA_DIR = '.local';

/** DATA_DIR (relative to the working directory), else the project's `.local`. */
export function dataDirOf(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.DATA_DIR ? resolve(env.DATA_DIR) : resolve(root, DEFAULT_DATA_DIR);
}
