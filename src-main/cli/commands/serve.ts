/**
 * `greenlight serve`: browser mode. Opens the database (loading the embedded films and default models on
 * first run), starts the local HTTP host and prints the address with the API token.
 */
import { spawn } from 'node:child_process';
import { Command } from 'commander';
import { createContext } from '../../core/context';
import { openDatabase } from '../../core/store/db';
import { prepareForecasting } from '../../core/forecast/prepare';
import { isLoopbackAddress } from '../../http/security';
import { startServer } from '../../http/server';
import { resolveDbPath, withDbOption } from '../common';

/** Opens `url` in the default browser; says so in one line when none can be started. */
export function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write(`Could not open a browser (${command}); open ${url} yourself.\n`));
    child.unref();
  } catch {
    process.stderr.write(`Could not open a browser; open ${url} yourself.\n`);
  }
}

export function serveCommand(): Command {
  const cmd = new Command('serve')
    .description('Run Greenlight in your browser: the local HTTP host with the app, its API and the seed routes.')
    .option('--port <port>', 'port to listen on (0 picks a free one)', '8000')
    .option(
      '--host <address>',
      'address to listen on (loopback by default; other addresses expose the app)',
      '127.0.0.1',
    )
    .option('--open', 'open the app in the default browser')
    .option('--static-dir <dir>', 'the built renderer (default out/renderer)')
    .addHelpText('after', '\nExamples:\n  greenlight serve --open\n  greenlight serve --port 0 --db /tmp/test.sqlite');
  withDbOption(cmd);
  cmd.action(async (opts: { port: string; host: string; open?: boolean; staticDir?: string; db?: string }) => {
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`--port: "${opts.port}" is not a port number`);
    if (!isLoopbackAddress(opts.host)) {
      process.stderr.write(
        `Warning: listening on ${opts.host} makes the app reachable from other machines (token still required).\n`,
      );
    }
    const file = resolveDbPath(opts);
    const db = openDatabase(file);
    const ctx = createContext(db, file, 'http');
    try {
      await prepareForecasting(db, (l) => process.stderr.write(`${l}\n`));
    } catch (err) {
      db.close();
      throw err;
    }
    const server = await startServer({ ctx, port, host: opts.host, staticDir: opts.staticDir }).catch((err: Error) => {
      db.close();
      throw new Error(`cannot listen on ${opts.host}:${port}: ${err.message}`);
    });
    process.stdout.write(
      `Greenlight is running at ${server.url}\nAPI token: ${server.token}\nDatabase: ${file}\nPress Ctrl+C to stop.\n`,
    );
    if (opts.open) openInBrowser(server.url);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void server.close().then(() => {
          db.close();
          resolve();
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  });
  return cmd;
}
