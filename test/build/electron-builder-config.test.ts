import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { loadBuilderConfig, REQUIRED_FUSES, ROOT } from './builder-config';

const schemaPath = createRequire(import.meta.url).resolve('app-builder-lib/scheme.json');
const ajv = new Ajv({ strict: false, allErrors: true });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
const config = loadBuilderConfig();
type Section = Record<string, unknown>;
const section = (name: string) => config[name] as Section;

describe('electron-builder configuration', () => {
  it("is valid against electron-builder's own JSON schema", () => {
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['a misspelt top-level field', { ...config, prodcutName: 'Securus Console' }],
    ['a misspelt NSIS option', { ...config, nsis: { ...section('nsis'), oneClik: false } }],
    ['a fuse that does not exist', { ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } }],
    ['a wrong type', { ...config, asar: 'yes' }],
  ])('the schema check rejects %s', (_case, broken) => {
    expect(validate(broken)).toBe(false);
  });

  it('sets every fuse SECURITY.md lists', () => {
    expect(config.electronFuses).toMatchObject(REQUIRED_FUSES);
  });

  it('names the product and publishes no update feed, with no file associations or protocols', () => {
    expect(config.appId).toBe('com.securus.console');
    expect(config.productName).toBe('Securus Console');
    expect(config.publish).toBeNull();
    expect(config.fileAssociations).toEqual([]);
    expect(config.protocols).toEqual([]);
    expect(section('directories').buildResources).toBe('build');
  });

  it('builds per-machine NSIS (not one-click, directory selectable) and MSI for Windows', () => {
    const targets = (section('win').target as { target: string }[]).map((entry) => entry.target);
    expect(targets).toEqual(['nsis', 'msi']);
    expect(section('nsis')).toMatchObject({
      oneClick: false,
      perMachine: true,
      allowToChangeInstallationDirectory: true,
    });
    expect(section('msi')).toMatchObject({ perMachine: true });
  });

  it('builds DMG and ZIP with the hardened runtime and minimal entitlements for macOS', () => {
    const mac = section('mac');
    expect((mac.target as { target: string }[]).map((entry) => entry.target)).toEqual(['dmg', 'zip']);
    expect(mac.hardenedRuntime).toBe(true);
    const entitlements = readFileSync(join(ROOT, mac.entitlements as string), 'utf8');
    expect(entitlements).toContain('com.apple.security.cs.allow-jit');
    for (const risky of [
      'disable-library-validation',
      'allow-dyld-environment-variables',
      'allow-unsigned-executable-memory',
      'device.camera',
      'device.audio-input',
    ]) {
      expect(entitlements).not.toContain(risky);
    }
  });

  it('builds AppImage, deb and rpm for Linux', () => {
    expect(section('linux').target).toEqual(['AppImage', 'deb', 'rpm']);
  });

  it('has the icons each target needs, generated from the SVG source', () => {
    expect(existsSync(join(ROOT, 'build/icon.svg'))).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = PNG.sync.read(readFileSync(join(ROOT, `build/icons/${size}x${size}.png`)));
      expect([png.width, png.height]).toEqual([size, size]);
    }
    const large = PNG.sync.read(readFileSync(join(ROOT, 'build/icon.png')));
    expect(large.width).toBeGreaterThanOrEqual(512);
    const ico = readFileSync(join(ROOT, section('win').icon as string));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(5);
    const icns = readFileSync(join(ROOT, section('mac').icon as string));
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });

  it('packs only the built output and keytar, never source maps', () => {
    expect(config.files).toEqual(
      expect.arrayContaining([
        'package.json',
        'out/main/**',
        'out/preload/**',
        'out/renderer/**',
        '!**/*.map',
        '!node_modules/**',
      ]),
    );
    expect(config.files.some((pattern) => /^(server|shared|test|electron|renderer|scripts)\b/.test(pattern))).toBe(
      false,
    );
  });

  it('has keytar as the only runtime dependency, and an optional one so npm ci never needs libsecret-1-dev', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies: Record<string, string>;
    };
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(Object.keys(pkg.optionalDependencies)).toEqual(['keytar']);
  });
});
