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
