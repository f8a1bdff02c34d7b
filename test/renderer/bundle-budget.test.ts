// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, 'out/renderer');
/** The budget for the JavaScript a supervisor waits for before the login screen: 90 kB gzip. */
const INITIAL_JS_BUDGET_BYTES = 90_000;
/** A message only the qrcode library carries, to find its chunk in the minified output. */
const QR_LIBRARY_MARKER = 'No input text';

const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g;

let html = '';

function read(relative: string): string {
  return readFileSync(join(OUT, relative), 'utf8');
}

function importsOf(file: string, pattern: RegExp): string[] {
  return [...read(file).matchAll(pattern)].map((match) => posix.join(posix.dirname(file), match[1] as string));
}

/** The entry script, its modulepreloads, and everything they import statically: what loads before any click. */
function initialScripts(): Set<string> {
  const roots = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="\.?\/?([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\.?\/?([^"]+)"/g),
  ].map((match) => match[1] as string);
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (!seen.has(file)) {
      seen.add(file);
      queue.push(...importsOf(file, STATIC_IMPORT));
    }
  }
  return seen;
}

function gzipSize(file: string): number {
  return gzipSync(readFileSync(join(OUT, file)), { level: 9 }).length;
}

describe('renderer production build', () => {
  beforeAll(() => {
    // `npm test` builds first; build here only when run alone on a fresh checkout.
    if (!existsSync(join(OUT, 'index.html'))) {
      const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8' });
      expect(build.status, build.stderr).toBe(0);
    }
    html = read('index.html');
  }, 120_000);

  it(`loads at most ${INITIAL_JS_BUDGET_BYTES / 1000} kB of gzipped JavaScript before the login screen`, () => {
    const initial = initialScripts();
    expect(initial.size).toBeGreaterThan(0);
    const total = [...initial].reduce((sum, file) => sum + gzipSize(file), 0);
    expect(total).toBeGreaterThan(30_000);
    expect(total).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });

  it('keeps the QR library in its own chunk, reached only by a dynamic import', () => {
    const scripts = readdirSync(join(OUT, 'assets'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => `assets/${name}`);
    const qrChunks = scripts.filter((file) => read(file).includes(QR_LIBRARY_MARKER));
    expect(qrChunks).toHaveLength(1);
    const qrChunk = qrChunks[0] as string;
    expect([...initialScripts()]).not.toContain(qrChunk);
    const staticImporters = scripts.filter((file) => importsOf(file, STATIC_IMPORT).includes(qrChunk));
    const dynamicImporters = scripts.filter((file) => importsOf(file, DYNAMIC_IMPORT).includes(qrChunk));
    expect(staticImporters).toEqual([]);
    expect(dynamicImporters).toHaveLength(1);
  });

  it('needs nothing from the network and nothing the CSP forbids', () => {
    expect(html).toMatch(
      /<meta\s+http-equiv="Content-Security-Policy"\s+content="default-src 'self';[^"]*script-src 'self'/,
    );
    expect(html).not.toMatch(/<style|\sstyle=/i);
    expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g) ?? []).toEqual([]);
    const css = readdirSync(join(OUT, 'assets')).filter((name) => name.endsWith('.css'));
    for (const text of [html, ...css.map((name) => read(`assets/${name}`))]) {
      expect(text).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\/|url\(\s*["']?(?:https?:)?\/\/|@import/i);
    }
  });
});
