/**
 * How the console signs in, from /console/config.json (the deployment's, not the bundle's): the local
 * gateway serves the development sign-in's address, CDK the OIDC provider from context, and a deployment
 * without a console client id says so.
 */
export type ConsoleConfig =
  | { signIn: 'dev'; signInUrl: string }
  | { signIn: 'oidc'; issuer: string; clientId: string; scope?: string }
  | { signIn: 'none'; reason?: string };

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch('/console/config.json', { headers: { accept: 'application/json' }, cache: 'no-cache' });
  if (!res.ok) throw new Error(`config.json: ${res.status}`);
  const config = (await res.json()) as ConsoleConfig;
  if (config.signIn !== 'dev' && config.signIn !== 'oidc' && config.signIn !== 'none') throw new Error('config.json: unknown signIn');
  return config;
}
