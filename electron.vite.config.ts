/**
 * electron-vite build of the desktop app (`npm run build`): out/main (the main process), out/preload (the
 * sandboxed preload, ONE CommonJS file), out/renderer (the Vue app, same config as `npm run build:renderer`).
 * Needs no Electron binary. package.json stays CommonJS so the preload is .js (a sandboxed preload cannot be ESM).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import rendererConfig from './vite.renderer.config.mjs';

const fromRoot = (file: string) => resolve(__dirname, file);

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      // Only package.json `dependencies` stay external (better-sqlite3 is native; the rest is plain CommonJS);
      // the training worker entry, imported with `?modulePath`, is emitted as its own chunk beside index.js.
      externalizeDeps: true,
      rolldownOptions: { input: { index: fromRoot('src-main/electron/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      // A sandboxed preload can require nothing but `electron`: bundle every import (zod, the contract) into it.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { preload: fromRoot('src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  // The renderer engineer's Vite config (root src-renderer, base './', the Vue plugin, out/renderer), shared
  // so the desktop build and browser mode serve the same files.
  renderer: {
    ...rendererConfig,
    root: fromRoot('src-renderer'),
    build: {
      ...rendererConfig.build,
      outDir: fromRoot('out/renderer'),
      rolldownOptions: { input: { index: fromRoot('src-renderer/index.html') } },
    },
  },
});
