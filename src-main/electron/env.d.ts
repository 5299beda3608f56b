// Types for electron-vite's import suffixes (`?modulePath`, `?nodeWorker`) used by the main process build.
/// <reference types="electron-vite/node" />
