import { buildConsole } from '../../console/build.ts';
import { CONSOLE_CONFIG, consoleContentSecurityPolicy, consoleSignInFromEnv } from '../web-pages.ts';
import { DEV_SIGN_IN_PATH } from './dev-sign-in.ts';

/**
 * The workbench as the local gateway serves it: built into memory at start (console/build.ts, about a
 * tenth of a second), with a config.json pointing at the development sign-in, or at the OIDC provider of
 * CONSOLE_OIDC_ISSUER / CONSOLE_OIDC_CLIENT_ID, and the content-security policy that admits it.
 */
export interface LocalConsole {
  /** A file under /console/ by name, or undefined. */
  files: Readonly<Record<string, Buffer>>;
  contentSecurityPolicy: string;
}

export function localConsole(env: Record<string, string | undefined> = process.env): LocalConsole {
  const signIn = consoleSignInFromEnv(env, DEV_SIGN_IN_PATH);
  return {
    files: { ...buildConsole(), [CONSOLE_CONFIG]: Buffer.from(JSON.stringify(signIn)) },
    contentSecurityPolicy: consoleContentSecurityPolicy(signIn),
  };
}
