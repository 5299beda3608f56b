/**
 * The built main process (out/main/index.js as electron-vite emits it), run under Node with a stand-in for the
 * `electron` module: the one edge these machines cannot run (no Electron binary). Everything behind it is real:
 * the SQLite file, the first-run import of the embedded films, IPC dispatch, the app:// file server, backups,
 * the window-state file. It checks the wiring main.ts does: locked-down window, one IPC door, CSP on every
 * page, navigation and window rules, drops and menu commands.
 */
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MainConfigFactory, PreloadConfigFactory } from 'electron-vite';
import { build } from 'vite';
import config from '../../electron.vite.config';
import { APP_ENTRY_URL } from '../../src-main/electron/security';

const root = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'greenlight-main-'));
// Inside the project (git-ignored), so the bundle's external `dependencies` resolve from node_modules.
fs.mkdirSync(path.join(root, 'test', 'artifacts'), { recursive: true });
const out = fs.mkdtempSync(path.join(root, 'test', 'artifacts', 'electron-main-'));

type Listener = (...args: unknown[]) => unknown;

/** Records what main does with Electron, and lets the test play Electron's part (events, dialogs). */
function fakeElectron() {
  const calls = {
    privileged: [] as unknown[],
    sandboxEnabled: false,
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Listener>(),
    appListeners: new Map<string, Listener[]>(),
    windows: [] as FakeWindow[],
    menu: null as Electron.MenuItemConstructorOptions[] | null,
    permissionHandler: null as Listener | null,
    openedExternally: [] as string[],
    messages: [] as { message: string; detail?: string }[],
    nextSavePath: '' as string,
    quit: false,
  };
  const on = (map: Map<string, Listener[]>, event: string, fn: Listener) =>
    void map.set(event, [...(map.get(event) ?? []), fn]);

  class FakeWindow {
    listeners = new Map<string, Listener[]>();
    sent: unknown[][] = [];
    loaded: string | null = null;
    webContents = {
      id: 101,
      mainFrame: { url: APP_ENTRY_URL },
      send: (...args: unknown[]) => void this.sent.push(args),
    };
    constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
      calls.windows.push(this);
    }
    on(event: string, fn: Listener) {
      on(this.listeners, event, fn);
      return this;
    }
    once(event: string, fn: Listener) {
      return this.on(event, fn);
    }
    emit(event: string) {
      for (const fn of this.listeners.get(event) ?? []) fn();
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    isMaximized = () => false;
    maximize() {}
    show() {}
    focus() {}
    getNormalBounds = () => ({ x: 40, y: 30, width: 1111, height: 777 });
  }

  const electron = {
    app: {
      isPackaged: false,
      setPath() {},
      getPath: (name: string) => path.join(tmp, name === 'userData' ? 'user-data' : name),
      getAppPath: () => root,
      getVersion: () => '0.0.0-test',
      enableSandbox: () => void (calls.sandboxEnabled = true),
      requestSingleInstanceLock: () => true,
      on: (event: string, fn: Listener) => on(calls.appListeners, event, fn),
      whenReady: () => Promise.resolve(),
      quit: () => void (calls.quit = true),
      exit: () => void (calls.quit = true),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void calls.privileged.push(...schemes),
      handle: (scheme: string, fn: (request: Request) => Promise<Response>) =>
        void calls.protocolHandlers.set(scheme, fn),
    },
    net: {
      // Electron's net.fetch reads file: URLs; a missing file rejects.
      fetch: async (url: string) => new Response(await fs.promises.readFile(new URL(url))),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => void (calls.permissionHandler = fn),
        setPermissionCheckHandler() {},
        webRequest: { onHeadersReceived() {} },
      },
    },
    shell: { openExternal: async (url: string) => void calls.openedExternally.push(url) },
    ipcMain: {
      handle: (channel: string, fn: Listener) => void calls.ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => void calls.ipcHandlers.delete(channel),
    },
    Menu: {
      buildFromTemplate: (template: Electron.MenuItemConstructorOptions[]) => template,
      setApplicationMenu: (menu: Electron.MenuItemConstructorOptions[]) => void (calls.menu = menu),
    },
    BrowserWindow: FakeWindow,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        const box = args[args.length - 1] as { message: string; detail?: string };
        calls.messages.push({ message: box.message, detail: box.detail });
        return { response: 0 };
      },
      showSaveDialog: async () => ({ canceled: false, filePath: calls.nextSavePath }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showErrorBox: (title: string, message: string) => void calls.messages.push({ message: title, detail: message }),
    },
  };
  return { electron, calls };
}

const { electron, calls } = fakeElectron();

async function until<T>(what: string, probe: () => T | undefined | null | false, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const window = () => calls.windows[0];
const invoke = (channel: unknown, input: unknown, event?: unknown) =>
  calls.ipcHandlers.get('greenlight:invoke')!(
    event ?? { sender: window().webContents, senderFrame: window().webContents.mainFrame },
    channel,
    input,
  ) as Promise<{ ok: boolean; result?: unknown; error?: { code: string } }>;

const savedEnv = { ...process.env };
const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const originalLoad = moduleWithLoad._load;

beforeAll(async () => {
  // electron-vite's own pipelines for main and preload, into a temp out/ folder.
  const mainConfig = { ...config.main, build: { ...config.main!.build, outDir: path.join(out, 'main') } };
  await build(await new MainConfigFactory(mainConfig, { logLevel: 'silent' }, { root }).build());
  const preloadConfig = { ...config.preload, build: { ...config.preload!.build, outDir: path.join(out, 'preload') } };
  await build(await new PreloadConfigFactory(preloadConfig, { logLevel: 'silent' }, { root }).build());
  // A stand-in renderer: serving it is main's job, building it is the renderer build's.
  fs.mkdirSync(path.join(out, 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(out, 'renderer', 'index.html'), '<!doctype html><div id="app"></div>');
  fs.writeFileSync(path.join(out, 'renderer', 'assets', 'app.js'), 'console.log(1)');

  process.env.GREENLIGHT_DB = path.join(tmp, 'data', 'greenlight.sqlite');
  Reflect.deleteProperty(process.env, 'ELECTRON_RENDERER_URL');
  moduleWithLoad._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? electron : originalLoad.call(this, request, ...rest);
  };
  Module.createRequire(__filename)(path.join(out, 'main', 'index.js'));
  // Started: the window exists, the first-run import has finished, the daily backup is written.
  await until('the first-run import and backup', () => fs.existsSync(path.join(tmp, 'data', 'backups')), 180_000);
}, 300_000);

afterAll(() => {
  moduleWithLoad._load = originalLoad;
  for (const fn of calls.appListeners.get('will-quit') ?? []) fn();
  process.env = savedEnv;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.rmSync(out, { recursive: true, force: true });
});

describe('the built main process', () => {
  it('turns on the sandbox for every renderer and registers app:// as a secure standard scheme before ready', () => {
    expect(calls.sandboxEnabled).toBe(true);
    expect(calls.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it('opens one locked-down window on the app’s own page, with the one-file preload', () => {
    expect(calls.windows).toHaveLength(1);
    const prefs = window().options.webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(prefs.preload).toBe(path.join(out, 'preload', 'preload.js'));
    expect(fs.existsSync(prefs.preload!)).toBe(true);
    expect(window().loaded).toBe(APP_ENTRY_URL);
  });

  it('answers the window through the contract, on the database GREENLIGHT_DB names, with the embedded films', async () => {
    const answer = await invoke('app.info', {});
    expect(answer.ok).toBe(true);
    expect(answer.result).toMatchObject({ host: 'electron', films: 4803, databasePath: process.env.GREENLIGHT_DB });
    expect([...calls.ipcHandlers.keys()]).toEqual(['greenlight:invoke']);
    expect(window().sent.some(([channel]) => channel === 'greenlight:event')).toBe(true);
  });

  it('refuses IPC from a frame that is not the app’s main frame', async () => {
    const iframe = { sender: window().webContents, senderFrame: { url: APP_ENTRY_URL } };
    expect(await invoke('app.info', {}, iframe)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const foreign = { sender: window().webContents, senderFrame: { url: 'https://evil.example/' } };
    foreign.sender = { ...window().webContents, mainFrame: foreign.senderFrame };
    expect(await invoke('app.info', {}, foreign)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('serves the renderer on app:// with the CSP, and nothing outside it', async () => {
    const serve = calls.protocolHandlers.get('app')!;
    const page = await serve(new Request('app://greenlight/'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<div id="app">');
    expect((await serve(new Request('app://greenlight/assets/app.js'))).status).toBe(200);
    expect((await serve(new Request('app://greenlight/assets/missing.js'))).status).toBe(404);
    expect((await serve(new Request('app://greenlight/assets/..%2f..%2f..%2fpackage.json'))).status).toBe(404);
    expect((await serve(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });

  it('denies every permission request (camera, notifications, …)', () => {
    let granted: unknown = 'unanswered';
    calls.permissionHandler!({}, 'media', (answer: unknown) => (granted = answer));
    expect(granted).toBe(false);
  });

  describe('rules for every web contents', () => {
    const contents = {
      listeners: new Map<string, Listener[]>(),
      openHandler: null as Listener | null,
      setWindowOpenHandler(fn: Listener) {
        this.openHandler = fn;
      },
      on(event: string, fn: Listener) {
        this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
      },
    };
    const navigate = (url: string, initiator: unknown) => {
      let prevented = false;
      const event = { url, isMainFrame: true, initiator, preventDefault: () => (prevented = true) };
      for (const fn of contents.listeners.get('will-navigate') ?? []) fn(event);
      return prevented;
    };
    beforeAll(() => {
      for (const fn of calls.appListeners.get('web-contents-created') ?? []) fn({}, contents);
    });

    it('denies new windows, handing only http(s) links to the browser', () => {
      expect(contents.openHandler!({ url: 'https://www.themoviedb.org/' })).toEqual({ action: 'deny' });
      expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
      expect(calls.openedExternally).toEqual(['https://www.themoviedb.org/']);
    });

    it('denies navigation away from the app, and refuses webviews', () => {
      expect(navigate('https://evil.example/', { url: APP_ENTRY_URL })).toBe(true);
      expect(navigate('app://greenlight/index.html', { url: APP_ENTRY_URL })).toBe(false);
      let webviewPrevented = false;
      for (const fn of contents.listeners.get('will-attach-webview') ?? []) {
        fn({ preventDefault: () => (webviewPrevented = true) });
      }
      expect(webviewPrevented).toBe(true);
    });

    it('imports a CSV dropped on the window, but not one a page script navigates to', async () => {
      const csv = path.join(tmp, 'dropped films.csv');
      fs.writeFileSync(
        csv,
        'Title,Production Budget,Worldwide Gross,Release Date,Running Time min,Major Genre\n' +
          'Dropped Film One,12000000,50000000,2011-03-04,101,Drama\n',
      );
      expect(navigate(pathToFileURL(csv).href, { url: APP_ENTRY_URL })).toBe(true);
      expect(navigate(pathToFileURL(csv).href, null)).toBe(true);
      const summary = await until('the import summary', () =>
        calls.messages.find((m) => m.message === 'Imported dropped films.csv'),
      );
      expect(summary.detail).toMatch(/^1 row read: 1 loaded/);
      const jobs = (await invoke('jobs.list', {})).result as { kind: string }[];
      expect(jobs.filter((j) => j.kind === 'data.import')).toHaveLength(1); // the script navigation started none
      expect(((await invoke('app.info', {})).result as { films: number }).films).toBe(4804);
    });
  });

  it('backs the database up from the File menu to the file the user chose', async () => {
    const file = calls.menu!.find((m) => m.label === '&File')!.submenu as Electron.MenuItemConstructorOptions[];
    calls.nextSavePath = path.join(tmp, 'chosen', 'backup.sqlite');
    (file.find((m) => m.label === 'Back up database…')!.click as () => void)();
    await until('the backup message', () => calls.messages.find((m) => m.message === 'Backup written.'));
    expect(fs.readFileSync(calls.nextSavePath).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('remembers the window’s size and position when it closes', () => {
    window().emit('close');
    const state = JSON.parse(fs.readFileSync(path.join(tmp, 'user-data', 'window-state.json'), 'utf8'));
    expect(state).toEqual({ x: 40, y: 30, width: 1111, height: 777, maximized: false });
  });
});
