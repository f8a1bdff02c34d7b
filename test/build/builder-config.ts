import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

// electron-builder reads its YAML with js-yaml; load the same copy through app-builder-lib.
const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const yaml = requireFromBuilder('js-yaml') as { load(text: string): unknown };

export type BuilderConfig = Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  files: string[];
};

export function loadBuilderConfig(): BuilderConfig {
  return yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

/** What SECURITY.md asks of the fuses, in electron-builder's names. */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  grantFileProtocolExtraPrivileges: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
} as const;
