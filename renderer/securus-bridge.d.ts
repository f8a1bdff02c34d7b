import type { SecurusBridge } from '../shared/ipc/contract';

declare global {
  interface Window {
    /** The console's only way to the main process: one named function per channel of `shared/ipc/contract.ts`. */
    readonly securus: SecurusBridge;
  }
}

export {};
