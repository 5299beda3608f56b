import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/core/store/db';
import {
  autoBackup,
  backupFileName,
  latestBackup,
  listBackups,
  recoveryChoices,
  restoreBackup,
} from '../../src-main/electron/backups';

import { aboutDetail, menuTemplate, TMDB_ATTRIBUTION } from '../../src-main/electron/menu';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  loadWindowState,
  saveWindowState,
  WINDOW_STATE_FILE,
} from '../../src-main/electron/window-state';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-shell-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('window state', () => {
  it('round-trips size, position and maximised state', () => {
    saveWindowState(dir, { x: 10, y: 20, width: 1400, height: 900, maximized: true });
    expect(loadWindowState(dir)).toEqual({ x: 10, y: 20, width: 1400, height: 900, maximized: true });
  });
  it('falls back to the defaults for a missing, broken or hostile file', () => {
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
    for (const text of [
      '{not json',
      '[]',
      '{"width":"1e9","height":5,"maximized":1}',
      '{"width":1e12,"height":900,"maximized":false}',
    ]) {
      fs.writeFileSync(path.join(dir, WINDOW_STATE_FILE), text);
      expect(loadWindowState(dir), text).toEqual(DEFAULT_WINDOW_STATE);
    }
  });
  it('drops a position that is on no display any more, and shrinks a size larger than any display', () => {
    const laptop = [{ x: 0, y: 0, width: 1440, height: 900 }];
    const onUnpluggedMonitor = { x: 2000, y: 100, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(onUnpluggedMonitor, laptop)).toEqual({ width: 1200, height: 800, maximized: false });
    const tooBig = { x: 0, y: 0, width: 3000, height: 2000, maximized: false };
    expect(fitToDisplays(tooBig, laptop)).toEqual({ x: 0, y: 0, width: 1440, height: 900, maximized: false });
    const fine = { x: 100, y: 50, width: 1000, height: 700, maximized: false };
    expect(fitToDisplays(fine, laptop)).toEqual(fine);
  });
});

describe('automatic backups and restore', () => {
  it('writes a consistent backup at most once a day, keeps the newest five, and restores the latest', async () => {
    const file = path.join(dir, 'greenlight.sqlite');
    const db = openDatabase(file);
    db.exec("CREATE TABLE note (text TEXT); INSERT INTO note VALUES ('before')");
    const day = 86_400_000;
    const start = new Date('2025-01-01T12:00:00');
    const written: (string | null)[] = [];
    for (let i = 0; i < 7; i++) {
      const now = new Date(start.getTime() + i * day);
      written.push(await autoBackup(db, file, { now }));
      fs.utimesSync(written[i]!, now, now); // the file's time is what "once a day" is measured by
      expect(await autoBackup(db, file, { now: new Date(now.getTime() + 3_600_000) })).toBeNull();
    }
    expect(listBackups(file)).toHaveLength(5);
    expect(latestBackup(file)).toBe(written[6]);
    db.exec("UPDATE note SET text = 'after'");
    db.close();

    fs.writeFileSync(file, 'scribbled over: not a database any more');
    const keptAs = restoreBackup(latestBackup(file)!, file, new Date('2025-02-01T00:00:00'));
    expect(fs.readFileSync(keptAs!, 'utf8')).toContain('scribbled');
    const restored = openDatabase(file);
    expect(restored.prepare('SELECT text FROM note').pluck().get()).toBe('before');
    restored.close();
  });
  it('names backups so they sort by time', () => {
    expect(backupFileName(new Date('2025-01-31T14:25:01'))).toBe('greenlight-20250131-142501.sqlite');
  });
  it('offers a restore only when a backup exists and the file is damaged, not merely newer', () => {
    expect(recoveryChoices('corrupt', true)).toEqual(['restore', 'choose', 'quit']);
    expect(recoveryChoices('not_sqlite', false)).toEqual(['choose', 'quit']);
    expect(recoveryChoices('newer_than_code', true)).toEqual(['choose', 'quit']);
  });
});

describe('menu', () => {
  const noop = () => undefined;
  const actions = { importCsv: noop, exportReport: noop, backupDatabase: noop, showAbout: noop, openExternal: noop };
  const labels = (items: Electron.MenuItemConstructorOptions[]): string[] =>
    items.flatMap((i) => [i.label ?? i.role ?? '', ...(Array.isArray(i.submenu) ? labels(i.submenu) : [])]);

  it('has File (Import CSV, Export report, Back up database), Edit, View and Help with About', () => {
    const all = labels(menuTemplate(actions, { platform: 'linux', dev: false }));
    for (const label of [
      '&File',
      'Import CSV…',
      'Export report…',
      'Back up database…',
      'editMenu',
      '&View',
      'About Greenlight',
    ]) {
      expect(all).toContain(label);
    }
    expect(all).not.toContain('toggleDevTools');
    expect(labels(menuTemplate(actions, { platform: 'linux', dev: true }))).toContain('toggleDevTools');
    expect(labels(menuTemplate(actions, { platform: 'darwin', dev: false }))[0]).toBe('appMenu');
  });
  it('puts the TMDB attribution in the About box', () => {
    const text = aboutDetail({ version: '1.2.3', databasePath: '/data/greenlight.sqlite' });
    expect(text).toContain('This product uses data from TMDB but is not endorsed or certified by TMDB.');
    expect(text).toContain(TMDB_ATTRIBUTION);
    expect(text).toContain('1.2.3');
  });
});
