/**
 * A file that cannot be imported at all (missing, empty, binary, no header, a required column missing).
 * The message is one line naming the file; when it is thrown the database is unchanged.
 */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'ImportError';
  }
}

/** The import was cancelled (AbortSignal); nothing was written. */
export class ImportCancelledError extends Error {
  constructor(readonly file: string) {
    super(`${file}: import cancelled; nothing was imported`);
    this.name = 'ImportCancelledError';
  }
}

/** An import error as it crosses from the import worker to the main thread (plain data). */
export interface ImportErrorData {
  name: string;
  message: string;
  file?: string;
}

export function importErrorToData(err: unknown): ImportErrorData {
  if (err instanceof ImportError || err instanceof ImportCancelledError) {
    return { name: err.name, message: err.message, file: err.file };
  }
  return { name: 'Error', message: (err as Error)?.message ?? String(err) };
}

/** Rebuilds the error on the main thread with its class, so callers can tell a refused file from a cancel. */
export function importErrorFromData(data: ImportErrorData): Error {
  if (data.name === 'ImportError' && data.file !== undefined && data.message.startsWith(`${data.file}: `)) {
    return new ImportError(data.file, data.message.slice(data.file.length + 2));
  }
  if (data.name === 'ImportCancelledError' && data.file !== undefined) return new ImportCancelledError(data.file);
  return new Error(data.message);
}
