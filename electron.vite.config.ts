import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig(({ mode }) => {
  const production = mode === 'production';
  return {
    main: {
      build: {
        outDir: resolve(root, 'out/main'),
        sourcemap: !production,
        // keytar is the only runtime dependency (a native module); everything else is bundled.
        externalizeDeps: { include: ['keytar'] },
        rolldownOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
      },
    },
    preload: {
      build: {
        outDir: resolve(root, 'out/preload'),
        sourcemap: !production,
        // A sandboxed preload can require only `electron` and a few built-ins: bundle zod and the contract
        // into one CommonJS file (sandboxed preloads cannot load ES modules).
        externalizeDeps: false,
        rolldownOptions: {
          input: { index: resolve(root, 'electron/preload/index.ts') },
          output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
        },
      },
    },
    renderer: {
      root: resolve(root, 'renderer'),
      plugins: [react()],
      build: {
        outDir: resolve(root, 'out/renderer'),
        minify: production,
        sourcemap: !production,
        rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
      },
    },
  };
});
