/**
 * Builds the renderer into out/renderer when it is missing or older than its sources, so `npm test` works
 * on a fresh clone. Sources: src-renderer and src-main/shared (the contract and chart builders it imports).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const RENDERER_OUT = path.join(ROOT, 'out', 'renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function rendererIsStale(): boolean {
  const index = path.join(RENDERER_OUT, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  const sources = [path.join(ROOT, 'src-renderer'), path.join(ROOT, 'src-main', 'shared')];
  const config = fs.statSync(path.join(ROOT, 'vite.renderer.config.mts')).mtimeMs;
  return Math.max(config, ...sources.map(newestMtime)) > built;
}

export function ensureRendererBuilt(): void {
  if (!rendererIsStale()) return;
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', 'vite.renderer.config.mts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
