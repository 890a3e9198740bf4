import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildConsole, CONSOLE_BUNDLE } from '../../console/build.ts';

/** The workbench's bundle (console/build.ts): one script and one stylesheet, the script under 150 KB gzipped (issue 13). */
describe('the console bundle', () => {
  const files = buildConsole();

  it('is one page, one minified script and one stylesheet, the page loading nothing else', () => {
    expect(Object.keys(files).sort()).toEqual([...CONSOLE_BUNDLE].sort());
    const html = files['index.html'].toString('utf8');
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script defer src="/console/console.js">']);
    expect(html.match(/<link rel="stylesheet"[^>]*>/g)).toEqual(['<link rel="stylesheet" href="/console/console.css">']);
    expect(html).not.toMatch(/https?:\/\//);
    // Minified: no line of the script is indented source. (esbuild writes a string holding a line break as a
    // template literal with a real one, so the script has a few lines: one per such string.)
    const lines = files['console.js'].toString('utf8').split('\n');
    expect(lines.filter((line) => /^\s+\S/.test(line))).toEqual([]);
    expect(lines.length).toBeLessThan(20);
  });

  it('keeps the script under 150 KB gzipped', () => {
    const raw = files['console.js'].length;
    const gzipped = gzipSync(files['console.js'], { level: 9 }).length;
    console.log(`console.js: ${raw} bytes, ${gzipped} gzipped; console.css: ${files['console.css'].length} bytes, ${gzipSync(files['console.css']).length} gzipped`);
    expect(gzipped).toBeLessThan(150 * 1024);
  });

  it('bundles the public pages’ styles and knows nothing of the development sign-in (config.json names it)', () => {
    expect(files['console.css'].toString('utf8')).toContain('.skip-link');
    expect(files['console.js'].toString('utf8')).not.toContain('/dev/sign-in');
    expect(files['console.js'].toString('utf8')).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });
});
