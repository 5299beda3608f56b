/**
 * IPC from anything but the app's own window is refused before any handler runs: the real `registerIpc` door
 * with the real `isTrustedSender` policy, driven under plain Node by a fake ipcMain (the Electron binary cannot
 * run here) with random and look-alike senders.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { IpcMainInvokeEvent } from 'electron';
import { channelNames, type ChannelName } from '../../src-main/shared/contract';
import type { Handler } from '../../src-main/core/api/handler';
import type { CoreContext } from '../../src-main/core/context';
import { FORBIDDEN, registerIpc } from '../../src-main/electron/ipc';
import { APP_ENTRY_URL, appOrigins, isTrustedSender } from '../../src-main/electron/security';

const OWN_WINDOW = 1;
type InvokeListener = (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => Promise<unknown>;

function door() {
  let listener: InvokeListener | null = null;
  const ran: string[] = [];
  const refused: unknown[] = [];
  const handlers = Object.fromEntries(
    channelNames.map((name) => [name, () => (ran.push(name), { ok: 'ran' })]),
  ) as unknown as { [K in ChannelName]: Handler<K> };
  registerIpc({
    ipcMain: { handle: (_c: string, l: InvokeListener) => void (listener = l), removeHandler: () => {} } as never,
    handlers,
    ctx: {} as CoreContext,
    isTrusted: (sender) => isTrustedSender(sender, { webContentsId: OWN_WINDOW, origins: appOrigins() }),
    onRefused: (sender) => refused.push(sender),
  });
  /** Calls the door as a frame at `url` in web contents `id` would. */
  const call = (id: number, url: string | null, mainFrame: boolean, channel: unknown = 'app.info') => {
    const main = { url: url ?? '' };
    const frame = url === null ? null : mainFrame ? main : { url };
    const event = { sender: { id, mainFrame: main }, senderFrame: frame } as unknown as IpcMainInvokeEvent;
    return listener!(event, channel, {});
  };
  return { call, ran, refused };
}

const LOOK_ALIKES = [
  'app://greenlight.evil.example/index.html',
  'app://evil.example/index.html',
  'app://greenlight@evil.example/',
  'https://greenlight/index.html',
  'http://localhost:5173/',
  'file:///etc/passwd',
  'about:blank',
  'data:text/html,<script>1</script>',
  'javascript:alert(1)',
  'APP://GREENLIGHT.example/',
  '',
];

describe('the IPC door', () => {
  it("runs calls from the app's own window, main frame, app origin", async () => {
    const { call, ran } = door();
    expect(await call(OWN_WINDOW, APP_ENTRY_URL, true)).toEqual({ ok: true, result: { ok: 'ran' } });
    expect(ran).toEqual(['app.info']);
  });

  it('refuses look-alike origins, iframes, destroyed frames and other windows before any handler runs', async () => {
    const { call, ran, refused } = door();
    const cases: [number, string | null, boolean][] = [
      ...LOOK_ALIKES.map((url): [number, string, boolean] => [OWN_WINDOW, url, true]),
      [OWN_WINDOW, APP_ENTRY_URL, false], // an iframe showing the app's own page
      [OWN_WINDOW, null, true], // the frame is gone
      [2, APP_ENTRY_URL, true], // another window
    ];
    for (const [id, url, mainFrame] of cases) expect(await call(id, url, mainFrame)).toEqual(FORBIDDEN);
    expect(ran).toEqual([]);
    expect(refused).toHaveLength(cases.length);
  });

  it('refuses every random sender that is not exactly the trusted one', async () => {
    const { call, ran } = door();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -1, max: 5 }),
        fc.oneof(fc.webUrl(), fc.constantFrom(...LOOK_ALIKES, APP_ENTRY_URL), fc.string(), fc.constant(null)),
        fc.boolean(),
        fc.oneof(fc.constantFrom(...channelNames), fc.string()),
        async (id, url, mainFrame, channel) => {
          ran.length = 0;
          const answer = await call(id, url, mainFrame, channel);
          const trusted = id === OWN_WINDOW && mainFrame && url !== null && url.startsWith('app://greenlight/');
          if (!trusted) {
            expect(answer).toEqual(FORBIDDEN);
            expect(ran).toEqual([]);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
