import { contextBridge, ipcRenderer } from 'electron';
import { buildSecurusBridge } from './bridge';

// Runs sandboxed with context isolation: the page sees only these named functions, never ipcRenderer.
contextBridge.exposeInMainWorld(
  'securus',
  buildSecurusBridge((channel, request) => ipcRenderer.invoke(channel, request)),
);
