/**
 * Reading a CSV file as records, in chunks, with bounded memory: sniffing (binary files, encoding,
 * delimiter), decoding, and the tokenizer (csv-tokenizer.ts) for quoting, CRLF and multi-line fields.
 * Knows nothing of films.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { CsvTokenizer } from './csv-tokenizer';
import { ImportError } from './errors';

/** Where the bytes come from: a path (CLI, Electron) or the content itself (uploads in browser mode). */
export interface ImportSource {
  fileName: string;
  path?: string;
  content?: Buffer;
}

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export type Delimiter = ',' | ';' | '\t';

export interface Sniffed {
  size: number;
  encoding: Encoding;
  delimiter: Delimiter;
}

/** One record as read: its fields as text and the line of the file where it starts. */
export interface RawRecord {
  fields: string[];
  line: number;
}

/** A record that could not be finished (a quote never closed, a record over the size limit). */
export interface ReadFailure {
  code: string;
  line: number;
  message: string;
}

/** A record longer than this (in characters) ends the read: it bounds memory when a quote is never closed. */
export const MAX_RECORD_CHARS = 64 * 1024 * 1024;
/** Bytes decoded and tokenized at a time (see readEachRecord). */
const DECODE_BYTES = 32 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const SNIFF_BYTES = 64 * 1024;

/** Thrown inside a read when bytes after the sniffed part turn out not to be UTF-8; the import restarts as Windows-1252. */
export class NotUtf8Error extends Error {
  constructor() {
    super('not UTF-8');
    this.name = 'NotUtf8Error';
  }
}

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an Excel .xlsx workbook is one): save it as CSV first' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel (.xls) or Office file: save it as CSV first' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document, not CSV' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image, not CSV' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image, not CSV' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image, not CSV' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive: unpack it first' },
  { bytes: [...Buffer.from('SQLite format 3')], what: 'an SQLite database, not CSV' },
];

/** The first bytes of the source (up to `bytes`). */
export async function readHead(source: ImportSource, bytes = SNIFF_BYTES): Promise<{ head: Buffer; size: number }> {
  if (source.content) return { head: source.content.subarray(0, bytes), size: source.content.length };
  if (!source.path) throw new ImportError(source.fileName, 'no file content or path was given');
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(source.path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a folder, not a file'
            : (err as Error).message;
    throw new ImportError(source.fileName, `cannot be read (${why})`);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new ImportError(source.fileName, 'is a folder, not a file');
    const buffer = Buffer.alloc(Math.min(bytes, stat.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, bytesRead), size: stat.size };
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(source.fileName, `cannot be read (${(err as Error).message})`);
  } finally {
    await handle.close();
  }
}

/**
 * Looks at the first bytes: refuses empty and binary files, picks the encoding (a BOM, else UTF-8 when the
 * bytes are valid UTF-8, else Windows-1252) and the delimiter (the most frequent of , ; tab on the header line).
 */
export function sniff(fileName: string, head: Buffer, size: number): Sniffed {
  if (size === 0 || head.length === 0)
    throw new ImportError(fileName, 'is empty (0 bytes); expected a CSV file with a header row');
  for (const m of MAGIC) {
    if (head.length >= m.bytes.length && m.bytes.every((b, i) => head[i] === b)) {
      throw new ImportError(fileName, `is ${m.what}`);
    }
  }
  let encoding: Encoding;
  if (head[0] === 0xff && head[1] === 0xfe) encoding = 'utf-16le';
  else if (head[0] === 0xfe && head[1] === 0xff) encoding = 'utf-16be';
  else {
    assertLooksLikeText(fileName, head);
    // The head may end inside a multi-byte character: ignore up to 3 trailing bytes when the file goes on.
    const complete = head.length < size ? head.subarray(0, Math.max(0, head.length - 3)) : head;
    encoding = isValidUtf8Prefix(complete) ? 'utf-8' : 'windows-1252';
  }
  const text = new TextDecoder(encoding).decode(head);
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '' && text.trim() === '') {
    throw new ImportError(fileName, 'holds only blank lines; expected a CSV file with a header row');
  }
  return { size, encoding, delimiter: detectDelimiter(firstLine) };
}

function assertLooksLikeText(fileName: string, head: Buffer): void {
  let nul = 0;
  let control = 0;
  for (const b of head) {
    if (b === 0) nul++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (nul > head.length * 0.01 || control > head.length * 0.05) {
    throw new ImportError(
      fileName,
      `does not look like a text file (${nul} NUL and ${control} control bytes in the first ${head.length}); expected CSV`,
    );
  }
}

function isValidUtf8Prefix(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The delimiter used most on the header line, outside quotes; comma when none appears. */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).sort((a, b) => counts[b] - counts[a])[0];
  return counts[best] > 0 ? best : ',';
}

/** The source's bytes in chunks of about 1 MB. */
async function* byteChunks(source: ImportSource): AsyncGenerator<Buffer> {
  if (source.content) {
    for (let i = 0; i < source.content.length; i += CHUNK_BYTES) yield source.content.subarray(i, i + CHUNK_BYTES);
    return;
  }
  const stream = fs.createReadStream(source.path as string, { highWaterMark: CHUNK_BYTES });
  for await (const chunk of stream) yield chunk as Buffer;
}

/** What a read learned once it finished: bytes, their sha256, and a failure that ended it early, if any. */
export interface ReadResult {
  bytes: number;
  sha256: string;
  failure: ReadFailure | null;
}

/**
 * Reads the whole source as records, handing them over in batches (one per chunk of bytes read), so the
 * caller can write each batch before the next is read. The header is the first record. Decoding errors in
 * a file sniffed as UTF-8 throw NotUtf8Error (the caller restarts as Windows-1252). A record that cannot be
 * read (a quote never closed, a record over the size limit) ends the read; it is returned in `failure` with
 * the line where that record starts.
 */
export async function readRecords(
  source: ImportSource,
  sniffed: Sniffed,
  onBatch: (records: RawRecord[], bytesRead: number) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<ReadResult> {
  let pending: RawRecord[] = [];
  return readEachRecord(
    source,
    sniffed,
    (fields, line) => {
      pending.push({ fields, line });
    },
    async (bytesRead) => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      await onBatch(batch, bytesRead);
    },
    signal,
  );
}

/**
 * readRecords one record at a time: `onRecord` gets each record as soon as it is read (so what the caller makes
 * of it can die young, instead of a whole chunk's records living through garbage collections), `onChunk` the
 * bytes read after each chunk's records.
 */
export async function readEachRecord(
  source: ImportSource,
  sniffed: Sniffed,
  onRecord: (fields: string[], line: number) => void,
  onChunk: (bytesRead: number) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<ReadResult> {
  const decoder = new TextDecoder(sniffed.encoding, { fatal: sniffed.encoding === 'utf-8' });
  const hash = createHash('sha256');
  const tokenizer = new CsvTokenizer(sniffed.delimiter, MAX_RECORD_CHARS);
  // One turn of the event loop per chunk: lets a cancel (or a worker's messages) through during long reads.
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

  let bytes = 0;
  for await (const chunk of byteChunks(source)) {
    if (signal?.aborted) break;
    bytes += chunk.length;
    hash.update(chunk);
    // Decoded and tokenized a slice at a time: the strings stay small enough for V8's young generation, whose
    // pages are reused. A megabyte's text (and the concatenation of an unfinished record with it) went to V8's
    // large-object space: fresh memory, page-faulted in on every chunk.
    // A record longer than a slice (a huge field) is read on in the rest of the chunk at once: the tokenizer
    // reads an unfinished record again from its start at every push.
    for (let at = 0; at < chunk.length;) {
      const end = tokenizer.pendingChars > DECODE_BYTES ? chunk.length : at + DECODE_BYTES;
      let text: string;
      try {
        text = decoder.decode(chunk.subarray(at, end), { stream: true });
      } catch {
        throw new NotUtf8Error();
      }
      tokenizer.push(text, onRecord);
      if (tokenizer.failure) break;
      at = end;
    }
    await onChunk(bytes);
    if (tokenizer.failure) break;
    await tick();
  }
  if (!tokenizer.failure && !signal?.aborted) {
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw new NotUtf8Error();
    }
    if (rest) tokenizer.push(rest, onRecord);
    tokenizer.end(onRecord);
    await onChunk(bytes);
  }
  return { bytes, sha256: hash.digest('hex'), failure: tokenizer.failure };
}
