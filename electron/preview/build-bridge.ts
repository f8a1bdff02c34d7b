import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { ipcContract } from '../../shared/ipc/contract';

/** The function names of the preload, from the contract: `{ login: 'auth:login', … }`. */
export function bridgeChannelMap(): Record<string, string> {
  return Object.fromEntries(Object.entries(ipcContract).map(([channel, spec]) => [spec.name, channel]));
}

/** Bundles bridge.ts into one classic script for the browser (esbuild, as tsx already uses). */
export async function buildBridgeScript(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./bridge.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    define: { __SECURUS_CHANNELS__: JSON.stringify(bridgeChannelMap()) },
  });
  const output = result.outputFiles[0];
  if (output === undefined) {
    throw new Error('esbuild produced no bridge script');
  }
  return output.text;
}
