/**
 * On Node < 22 the AWS SDK prints a nine-line warning in every process that creates a client: that its
 * releases after January 2027 need Node 22. The local entry points say it once, in one line, and keep
 * the SDK quiet in their own process and in every process they start (the setting is inherited).
 */
export const SDK_WARNING_SETTING = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

export function noteNodeSupport(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  if (process.env[SDK_WARNING_SETTING] === 'true') return;
  process.env[SDK_WARNING_SETTING] = 'true';
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) write(`note: Node ${process.version}: AWS SDK releases after the first week of January 2027 need Node 22 or later (the Lambdas run Node 22)`);
}
