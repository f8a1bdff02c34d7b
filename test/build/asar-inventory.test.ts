import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBuilderConfig, REQUIRED_FUSES, ROOT } from './builder-config';

const asar = createRequire(import.meta.url)('@electron/asar') as {
  listPackage(archive: string): string[];
  extractFile(archive: string, file: string): Buffer;
};

const unpacked = join(ROOT, 'dist/linux-unpacked');
const archive = join(unpacked, 'resources/app.asar');
let files: string[] = [];
const read = (file: string) => asar.extractFile(archive, file).toString('utf8');

describe('packed console (npm run dist:check)', () => {
  beforeAll(() => {
    // npm test builds before vitest runs; reuse that build and pack it around the stand-in Electron.
    const packed = spawnSync('node', ['scripts/dist-check.mjs', '--skip-build'], { cwd: ROOT, encoding: 'utf8' });
    expect(packed.status, `${packed.stdout}\n${packed.stderr}`).toBe(0);
    files = asar.listPackage(archive).map((file) => file.replace(/^[\\/]/, '').replaceAll('\\', '/'));
  }, 120_000);

  it('holds the built main process, preload and renderer', () => {
    for (const required of ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(files, required).toContain(required);
    }
    expect(files.some((file) => /^out\/renderer\/assets\/index-[\w-]+\.js$/.test(file))).toBe(true);
    expect(JSON.parse(read('package.json'))).toMatchObject({
      main: 'out/main/index.js',
      optionalDependencies: { keytar: expect.any(String) },
    });
  });

  it('holds keytar with its native addon unpacked beside the archive', () => {
    expect(files).toContain('node_modules/keytar/lib/keytar.js');
    expect(
      existsSync(join(unpacked, 'resources/app.asar.unpacked/node_modules/keytar/build/Release/keytar.node')),
    ).toBe(true);
  });

  it('holds no other dependency: everything else is bundled', () => {
    const modules = new Set(files.filter((file) => file.startsWith('node_modules/')).map((file) => file.split('/')[1]));
    expect([...modules]).toEqual(['keytar']);
  });

  it('holds no server code, sources, tests, source maps or dev tooling', () => {
    const forbidden = [
      /^(server|shared|electron|renderer|test|scripts|bench|docs|build|tools|reports|dist)\//,
      /\.map$/,
      /\.tsx?$/,
      /(^|\/)(vitest|playwright|electron-vite|vite|typescript|eslint|tsconfig|electron-builder)[^/]*$/,
      /^node_modules\/(electron|fastify|better-sqlite3|pg|kysely|@node-rs|nodemailer|prebuild-install|node-addon-api)\//,
    ];
    for (const pattern of forbidden) {
      expect(
        files.filter((file) => pattern.test(file)),
        String(pattern),
      ).toEqual([]);
    }
    const pkg = JSON.parse(read('package.json')) as Record<string, unknown>;
    expect(pkg).not.toHaveProperty('devDependencies');
    expect(pkg).not.toHaveProperty('scripts');
  });

  it('bundles no server code or source-map reference into the built files', () => {
    const main = read('out/main/index.js');
    for (const marker of ['better-sqlite3', 'fastify', '@node-rs/argon2', 'nodemailer', 'kysely']) {
      expect(main, marker).not.toContain(marker);
    }
    for (const file of files.filter((name) => /^out\/.*\.(c?js|css)$/.test(name))) {
      expect(read(file), file).not.toContain('sourceMappingURL');
    }
  });

  it('has a CommonJS preload that requires only electron (a sandboxed preload cannot load ES modules)', () => {
    const preload = read('out/preload/index.cjs');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1])).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(preload).toContain('exposeInMainWorld');
  });

  it('has a minified renderer', () => {
    const script = files.find((file) => /^out\/renderer\/assets\/index-[\w-]+\.js$/.test(file))!;
    const lines = read(script).split('\n');
    expect(lines.length).toBeLessThan(50);
  });

  it('has the fuses of the configuration flipped in the packed executable', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'securus-console'));
    const expected: Record<string, boolean> = { ...REQUIRED_FUSES, ...loadBuilderConfig().electronFuses };
    const names: Record<string, FuseV1Options> = {
      runAsNode: FuseV1Options.RunAsNode,
      enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
      enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
      enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
      enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
      onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
      loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
      grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
    };
    for (const [fuse, enabled] of Object.entries(expected)) {
      const state = wire[names[fuse]!];
      // The wire holds ASCII '1' (enabled) or '0' (disabled) per fuse.
      expect(state, fuse).toBe((enabled ? '1' : '0').charCodeAt(0));
    }
  });
});
