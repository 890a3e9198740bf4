import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

/**
 * The department workbench (/console) as static files: one minified script, one stylesheet (the public
 * pages' site.css bundled in) and the page. Built by the local runtime at start (in memory) and by CDK at
 * synth (into a folder deployed under console/ of the pages bucket). `config.json` is not built here: it
 * says how to sign in, which is the deployment's (consoleConfig), not the bundle's.
 */

const HERE = dirname(fileURLToPath(import.meta.url));

/** The files of the bundle, by name under /console/. */
export const CONSOLE_BUNDLE = ['index.html', 'console.js', 'console.css'] as const;
export type ConsoleFiles = Record<(typeof CONSOLE_BUNDLE)[number], Buffer>;

/** Builds the bundle (synchronously: CDK constructs are); with `outDir`, also writes it there. */
export function buildConsole(outDir?: string): ConsoleFiles {
  const result = buildSync({
    entryPoints: { console: join(HERE, 'src', 'main.ts'), 'console-style': join(HERE, 'console.css') },
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2022', 'chrome100', 'firefox100', 'safari15'],
    write: false,
    outdir: '/out',
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    loader: { '.svg': 'dataurl' },
  });
  const output = (name: string) => {
    const file = result.outputFiles.find((f) => f.path.endsWith(`/${name}`));
    if (!file) throw new Error(`the console build wrote no ${name}`);
    return Buffer.from(file.contents);
  };
  const files: ConsoleFiles = {
    'index.html': readFileSync(join(HERE, 'index.html')),
    'console.js': output('console.js'),
    'console.css': output('console-style.css'),
  };
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    for (const [name, body] of Object.entries(files)) writeFileSync(join(outDir, name), body);
  }
  return files;
}
