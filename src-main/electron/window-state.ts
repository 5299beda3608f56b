/**
 * The main window's size and position, remembered between runs in a small JSON file in Electron's userData
 * folder. Pure and Electron-free (displays are passed in), so it is unit-tested under Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Position is absent on first run: the OS centres the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;

const coordinate = z.number().int().min(-100_000).max(100_000);
const stateSchema = z.object({
  x: coordinate.optional(),
  y: coordinate.optional(),
  width: z.number().int().min(MIN_WIDTH).max(20_000),
  height: z.number().int().min(MIN_HEIGHT).max(20_000),
  maximized: z.boolean(),
});

export const WINDOW_STATE_FILE = 'window-state.json';

/** Reads the saved state; a missing, unreadable or malformed file gives the defaults (never an error at start). */
export function loadWindowState(userDataDir: string): WindowState {
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(userDataDir, WINDOW_STATE_FILE), 'utf8'));
    const parsed = stateSchema.safeParse(raw);
    return parsed.success ? parsed.data : { ...DEFAULT_WINDOW_STATE };
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
}

/** Writes the state atomically (temp file, then rename), so a crash mid-write cannot leave half a file. */
export function saveWindowState(userDataDir: string, state: WindowState): void {
  const parsed = stateSchema.safeParse({
    ...state,
    x: state.x === undefined ? undefined : Math.round(state.x),
    y: state.y === undefined ? undefined : Math.round(state.y),
    width: Math.max(MIN_WIDTH, Math.round(state.width)),
    height: Math.max(MIN_HEIGHT, Math.round(state.height)),
  });
  if (!parsed.success) return;
  fs.mkdirSync(userDataDir, { recursive: true });
  const file = path.join(userDataDir, WINDOW_STATE_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(parsed.data));
  fs.renameSync(temp, file);
}

/**
 * Keeps a remembered window reachable: if its title bar is not on any display now (a monitor was unplugged),
 * the position is dropped so the OS centres it; a size larger than the largest work area is shrunk to fit.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  if (workAreas.length === 0) return state;
  const maxWidth = Math.max(...workAreas.map((a) => a.width));
  const maxHeight = Math.max(...workAreas.map((a) => a.height));
  const fitted: WindowState = {
    ...state,
    width: Math.min(state.width, Math.max(MIN_WIDTH, maxWidth)),
    height: Math.min(state.height, Math.max(MIN_HEIGHT, maxHeight)),
  };
  if (fitted.x === undefined || fitted.y === undefined) return fitted;
  // The top strip of the window (where the title bar is) must overlap a work area by a usable amount.
  const titleBar: Rectangle = { x: fitted.x, y: fitted.y, width: fitted.width, height: 40 };
  const visible = workAreas.some((area) => overlap(titleBar, area) >= 100 * 20);
  if (visible) return fitted;
  return { width: fitted.width, height: fitted.height, maximized: fitted.maximized };
}

function overlap(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}
