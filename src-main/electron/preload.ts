/**
 * The preload: runs sandboxed (no Node, only a few Electron modules), bundled as ONE CommonJS file. It exposes
 * `window.greenlight` = the contract's channels as functions, an event subscription and the host name; nothing
 * else of Electron or of IPC reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channelNames, type AppEvent } from '../shared/contract';
import { buildBridgeApi, EVENT_CHANNEL, INVOKE_CHANNEL, type GreenlightBridge } from './bridge';

const bridge = {
  api: buildBridgeApi(channelNames, (channel, input) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, input)),
  onEvent(callback: (event: AppEvent) => void): () => void {
    // The IPC event object is never passed on: it holds `sender`, which would hand the page ipcRenderer itself.
    const listener = (_event: IpcRendererEvent, payload: AppEvent) => callback(payload);
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
  host: 'electron' as const,
} satisfies GreenlightBridge;

contextBridge.exposeInMainWorld('greenlight', bridge);
