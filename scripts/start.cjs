#!/usr/bin/env node
// `npm start`: the desktop app where Electron can run, else browser mode (the local HTTP host), said in one line.
//
//   npm start                    Electron if its binary is present or can be fetched, else browser mode
//   npm start -- --browser       browser mode straight away
//   npm start -- --no-open       browser mode without opening a browser (print the address only)
//   npm start -- --port 8123     browser mode on this port (default: a free one)
//   npm run dev                  electron-vite dev (hot reload) when Electron is present
//
// Electron 45's npm package fetches its binary at first use, from a host some machines cannot reach; this script
// runs Electron's own install step (with a short timeout) and falls back when it fails. ELECTRON_OVERRIDE_DIST_PATH
// (a folder holding an Electron binary) is honoured and then nothing is downloaded. Expected failures print one
// line, never a stack trace.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const INSTALL_TIMEOUT_MS = Number(process.env.GREENLIGHT_ELECTRON_INSTALL_TIMEOUT_MS) || 30_000;

function parseArgs(argv) {
  const args = { dev: false, browser: false, open: true, port: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dev') args.dev = true;
    else if (arg === '--browser') args.browser = true;
    else if (arg === '--no-open') args.open = false;
    else if (arg === '--port') args.port = Number(argv[++i]);
    else if (arg.startsWith('--port=')) args.port = Number(arg.slice('--port='.length));
    else throw new UsageError(`Unknown option ${arg}. Options: --browser, --no-open, --port N, --dev.`);
  }
  if (args.port !== null && !(Number.isInteger(args.port) && args.port > 0 && args.port < 65536)) {
    throw new UsageError('--port takes a port number between 1 and 65535.');
  }
  return args;
}

class UsageError extends Error {}

function electronPackageDir() {
  try {
    return path.dirname(require.resolve('electron/package.json', { paths: [root] }));
  } catch {
    return null;
  }
}

/** The executable's path inside an Electron dist folder, as Electron's own install step names it. */
function platformExecutable(electronDir) {
  try {
    return fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
    return process.platform === 'win32' ? 'electron.exe' : 'electron';
  }
}

/** The Electron binary to run, or null: ELECTRON_OVERRIDE_DIST_PATH when set, else node_modules/electron/dist. */
function findElectron(env = process.env) {
  const electronDir = electronPackageDir();
  if (!electronDir) return null;
  const executable = platformExecutable(electronDir);
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronDir, 'dist');
  const binary = path.join(dist, executable);
  return fs.existsSync(binary) ? binary : null;
}

/** Runs Electron's install step (it downloads the binary); returns a short reason when it fails. */
function installElectron() {
  const electronDir = electronPackageDir();
  if (!electronDir) return 'the electron package is not installed (run npm install)';
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error && result.error.code === 'ETIMEDOUT') return 'no network to its host';
  if (result.status === 0) return null;
  const firstLine = `${result.stderr || ''}`.split('\n').find((l) => l.trim()) || '';
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|network/i.test(firstLine)) {
    return 'no network to its host';
  }
  return firstLine.trim().slice(0, 160) || `its install step exited with code ${result.status}`;
}

/** Linux needs an X or Wayland display for a window. */
function hasDisplay(env = process.env) {
  return process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** Newest modification time of the files under `paths` (0 when none exist). */
function newestMtime(paths) {
  let newest = 0;
  for (const p of paths) {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      continue;
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p, { recursive: true })) {
        try {
          newest = Math.max(newest, fs.statSync(path.join(p, entry)).mtimeMs);
        } catch {
          // vanished while listing
        }
      }
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

/** True when `output` is missing or older than any of `sources`. */
function isStale(output, sources) {
  let built;
  try {
    built = fs.statSync(output).mtimeMs;
  } catch {
    return true;
  }
  return newestMtime(sources) > built;
}

const RENDERER_SOURCES = ['src-renderer', 'src-main/shared', 'vite.renderer.config.mts'].map((p) => path.join(root, p));
const APP_SOURCES = [...RENDERER_SOURCES, path.join(root, 'src-main'), path.join(root, 'electron.vite.config.ts')];

/** Runs a build quietly: one line while it runs, its output only when it fails. */
function runBuild(what, args) {
  process.stdout.write(`Building ${what}…\n`);
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout || ''}${result.stderr || ''}`.split('\n').slice(-30).join('\n'));
    throw new ExpectedFailure(`Building ${what} failed (see above).`);
  }
}

class ExpectedFailure extends Error {}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a child with the terminal, forwards Ctrl-C and kills, and exits with its code. */
function runChild(command, args, env) {
  const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (err) => {
    process.stderr.write(`Could not start ${path.basename(command)}: ${err.message}\n`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1);
  });
}

function startElectron(binary, args) {
  const env = { ...process.env, ELECTRON_EXEC_PATH: binary };
  delete env.ELECTRON_RUN_AS_NODE;
  if (args.dev) {
    runChild(
      process.execPath,
      [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'dev'],
      env,
    );
    return;
  }
  if (isStale(path.join(root, 'out', 'main', 'index.js'), APP_SOURCES)) {
    runBuild('the app', [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
  }
  runChild(binary, [root], env);
}

async function startBrowserMode(args, reason) {
  const port = args.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}/`;
  const action = args.open
    ? 'opening Greenlight in your browser instead'
    : 'serving Greenlight for your browser instead';
  process.stdout.write(
    reason ? `${reason}: ${action} at ${url}…\n` : `Opening Greenlight in your browser at ${url}…\n`,
  );
  if (isStale(path.join(root, 'out', 'renderer', 'index.html'), RENDERER_SOURCES)) {
    runBuild('the renderer', [
      path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'vite.renderer.config.mts',
      '--logLevel',
      'warn',
    ]);
  }
  const serve = [path.join(root, 'bin', 'greenlight.cjs'), 'serve', '--port', String(port)];
  if (args.open) serve.push('--open');
  runChild(process.execPath, serve, process.env);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.browser) return startBrowserMode(args, null);

  let binary = findElectron();
  let reason = null;
  if (!binary && process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    reason = `Electron was not found in ELECTRON_OVERRIDE_DIST_PATH (${process.env.ELECTRON_OVERRIDE_DIST_PATH})`;
  } else if (!binary) {
    const failure = installElectron();
    binary = findElectron();
    if (!binary) reason = `Electron could not be downloaded here (${failure || 'its install step left no binary'})`;
  }
  if (binary && !hasDisplay()) reason = 'Electron cannot open a window here (no display: DISPLAY is not set)';
  if (reason) return startBrowserMode(args, reason);
  return startElectron(binary, args);
}

if (require.main === module) {
  main().catch((err) => {
    if (err instanceof UsageError || err instanceof ExpectedFailure) {
      process.stderr.write(`${err.message}\n`);
    } else {
      process.stderr.write(`npm start failed: ${err && err.message ? err.message : String(err)}\n`);
    }
    process.exitCode = 1;
  });
}

module.exports = { parseArgs, findElectron, hasDisplay, isStale };
