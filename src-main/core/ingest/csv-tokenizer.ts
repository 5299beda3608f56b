/**
 * A CSV tokenizer for decoded text, fed chunk by chunk. It replaced csv-parse in the import because parsing
 * dominated the JavaScript side: on 100,000 TMDB rows (120 MB) csv-parse took about 3 s (37 MB/s), this about
 * 1 s of CPU (measured on a shared 2-core machine). csv-parse re-encodes the text to bytes and walks them one
 * at a time; this finds the quotes of quoted fields with indexOf and slices whole fields.
 *
 * It reads records exactly as csv-parse does with the options the import used (`relax_quotes`,
 * `relax_column_count`, `skip_empty_lines`, auto-detected record delimiter, `"` as quote and escape); the
 * unit tests compare the two on the fixtures and on generated text. In short:
 * - the first line break outside quotes (\r\n, \n or \r) is the record delimiter for the whole file;
 * - a quote opens a quoted field only at the start of a field; elsewhere it is an ordinary character;
 * - inside quotes `""` is one quote; a closing quote followed by something other than a delimiter, the
 *   record delimiter or the end is kept as text (`"abc"def` reads as `"abc"def`);
 * - empty lines are skipped; a quote still open at the end of the text is an error.
 */

export interface CsvFailure {
  code: 'CSV_QUOTE_NOT_CLOSED' | 'CSV_MAX_RECORD_SIZE';
  /** The line where the record that could not be read starts. */
  line: number;
  message: string;
}

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

/** Thrown inside `records` when a record grows past the size limit; the caller stops reading. */
class RecordTooLarge extends Error {}

export class CsvTokenizer {
  private readonly delimiter: number;
  /** '' until the first line break outside quotes decides it. */
  private recordDelimiter = '';
  /** Text not yet turned into records: it starts at the start of an unfinished record. */
  private rest = '';
  /** Line of the file where `rest` starts. */
  private line = 1;
  private failed: CsvFailure | null = null;

  constructor(
    delimiter: string,
    private readonly maxRecordChars: number,
  ) {
    if (delimiter.length !== 1)
      throw new RangeError(`delimiter must be one character, got ${JSON.stringify(delimiter)}`);
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Characters held of a record not yet finished (read again from its start at the next push). */
  get pendingChars(): number {
    return this.rest.length;
  }

  /** Whether reading stopped on a failure (then `push` and `end` read nothing more). */
  get failure(): CsvFailure | null {
    return this.failed;
  }

  /** Reads the complete records in `text` (after what came before); keeps an unfinished one for later. */
  push(text: string, onRecord: (fields: string[], line: number) => void): void {
    if (this.failed) return;
    this.rest = this.rest.length === 0 ? text : this.rest + text;
    this.read(false, onRecord);
    if (!this.failed && this.rest.length > this.maxRecordChars) this.fail('CSV_MAX_RECORD_SIZE');
  }

  /** Reads what is left at the end of the text; returns the failure that ended the read, if any. */
  end(onRecord: (fields: string[], line: number) => void): CsvFailure | null {
    if (!this.failed) this.read(true, onRecord);
    return this.failed;
  }

  private fail(code: CsvFailure['code']): void {
    const message =
      code === 'CSV_QUOTE_NOT_CLOSED'
        ? `Quote Not Closed: the parsing is finished with an opening quote at line ${this.line}`
        : `Max Record Size: record exceed the maximum number of tolerated characters of ${this.maxRecordChars} at line ${this.line}`;
    this.failed = { code, line: this.line, message };
    this.rest = '';
  }

  /**
   * Reads records from `rest`. At the end of a chunk (`atEnd` false) it stops before a record that may
   * continue in the next chunk: one without its record delimiter, or with a quote or \r as its last character
   * (their meaning depends on the next character).
   */
  private read(atEnd: boolean, onRecord: (fields: string[], line: number) => void): void {
    const text = this.rest;
    const length = text.length;
    const delimiter = this.delimiter;
    let recordStart = 0;
    let pos = 0;
    const lines = new LineCounter(text, this.line, () => this.recordDelimiter);
    try {
      records: while (pos < length) {
        recordStart = pos;
        // Skip empty lines (a record delimiter at the start of a record).
        const rdLength = this.recordDelimiterAt(text, pos, atEnd);
        if (rdLength < 0) break; // a \r at the end of the chunk: wait for the next character
        if (rdLength > 0) {
          pos += rdLength;
          recordStart = pos;
          continue;
        }
        const line = lines.lineAt(pos);
        const fields: string[] = [];
        let recordChars = 0;
        for (;;) {
          // One field, starting at `pos`.
          let value: string;
          let c = text.charCodeAt(pos);
          if (c === QUOTE) {
            if (!this.quotedField(text, pos, atEnd)) break records; // not finished in this chunk, or never closed
            value = this.quotedValue;
            pos = this.quotedEnd;
            if (this.quotedContinues) {
              // The text after a misplaced closing quote continues the field as plain text.
              const stop = this.plainFieldEnd(text, pos, atEnd);
              if (stop < 0) break records;
              value += text.slice(pos, stop);
              pos = stop;
            }
          } else {
            const stop = this.plainFieldEnd(text, pos, atEnd);
            if (stop < 0) break records;
            value = text.slice(pos, stop);
            pos = stop;
          }
          fields.push(value);
          recordChars += value.length;
          if (recordChars > this.maxRecordChars) throw new RecordTooLarge();
          // After a field: a delimiter, the record delimiter, or the end of the text.
          if (pos >= length) {
            if (!atEnd) break records;
            onRecord(fields, line);
            recordStart = pos;
            break records;
          }
          c = text.charCodeAt(pos);
          if (c === delimiter) {
            pos++;
            if (pos >= length && !atEnd) break records;
            continue;
          }
          const end = this.recordDelimiterAt(text, pos, atEnd);
          if (end <= 0) break records; // a \r at the end of the chunk (the field scan stops only there)
          pos += end;
          onRecord(fields, line);
          recordStart = pos;
          break;
        }
      }
    } catch (err) {
      if (!(err instanceof RecordTooLarge)) throw err;
      this.line = lines.lineAt(recordStart);
      this.fail('CSV_MAX_RECORD_SIZE');
      return;
    }
    // Keep the unfinished record (with the line where it starts) for the next chunk.
    this.line = lines.lineAt(recordStart);
    this.rest = recordStart >= length ? '' : text.slice(recordStart);
    if (atEnd && this.rest.length > 0) {
      // Only a quote still open stops a record at the very end of the text.
      this.fail('CSV_QUOTE_NOT_CLOSED');
    }
  }

  /**
   * The length of the record delimiter at `pos` (0 when there is none), deciding it at the first line break
   * seen. -1 when `pos` holds the last character of a chunk and it is a \r (it may start a \r\n).
   */
  private recordDelimiterAt(text: string, pos: number, atEnd: boolean): number {
    const c = text.charCodeAt(pos);
    if (c !== CR && c !== LF) return 0;
    if (this.recordDelimiter === '') {
      if (c === CR) {
        if (pos + 1 >= text.length && !atEnd) return -1;
        this.recordDelimiter = text.charCodeAt(pos + 1) === LF ? '\r\n' : '\r';
      } else {
        this.recordDelimiter = '\n';
      }
    }
    const rd = this.recordDelimiter;
    if (rd === '\n') return c === LF ? 1 : 0;
    if (rd === '\r') return c === CR ? 1 : 0;
    if (c !== CR) return 0;
    if (pos + 1 >= text.length) return atEnd ? 0 : -1;
    return text.charCodeAt(pos + 1) === LF ? 2 : 0;
  }

  /**
   * Where a field without an opening quote ends: at the next delimiter or record delimiter (quotes inside are
   * text). -1 when the chunk ends first (or ends on a \r that may start a \r\n) and more text may follow.
   */
  private plainFieldEnd(text: string, from: number, atEnd: boolean): number {
    const length = text.length;
    const delimiter = this.delimiter;
    for (let i = from; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c === delimiter) return i;
      if (c === CR || c === LF) {
        const rd = this.recordDelimiterAt(text, i, atEnd);
        if (rd < 0) return -1;
        if (rd > 0) return i;
      }
    }
    return atEnd ? length : -1;
  }

  /** What quotedField read: the field's value, the position after its closing quote, and whether text follows. */
  private quotedValue = '';
  private quotedEnd = 0;
  private quotedContinues = false;

  /**
   * A field opened by a quote at `start`: sets its unescaped value (quotedValue) and the position after the
   * closing quote (quotedEnd). `quotedContinues` when plain text follows that quote and belongs to the same
   * field: after a NUL, or after any other character but a delimiter (csv-parse's relax_quotes: the value then
   * becomes `"` + value + `"`). False when the chunk ends inside the quotes (or, at the end of the text, the
   * quote is never closed).
   */
  private quotedField(text: string, start: number, atEnd: boolean): boolean {
    const length = text.length;
    // The closing quote: the first quote not doubled. indexOf jumps over the runs between quotes (far faster
    // than a loop over characters, and than a regular expression with its match arrays).
    let q = text.indexOf('"', start + 1);
    let doubled = false;
    while (q >= 0 && q + 1 < length && text.charCodeAt(q + 1) === QUOTE) {
      doubled = true;
      q = text.indexOf('"', q + 2);
    }
    if (q < 0) return false;
    // The character after the closing quote decides; a \r needs the one after it too.
    if (q + 2 >= length && !atEnd) return false;
    const next = text.charCodeAt(q + 1);
    const inner = text.slice(start + 1, q);
    const value = doubled ? inner.replaceAll('""', '"') : inner;
    this.quotedEnd = q + 1;
    if (q + 1 >= length || next === this.delimiter || this.recordDelimiterAt(text, q + 1, atEnd) > 0) {
      this.quotedValue = value;
      this.quotedContinues = false;
    } else if (next === 0) {
      // csv-parse ends the quotes before a NUL without keeping them, then reads on as plain text.
      this.quotedValue = value;
      this.quotedContinues = true;
    } else {
      this.quotedValue = `"${value}"`;
      this.quotedContinues = true;
    }
    return true;
  }
}

/**
 * Line numbers of positions in one text, asked in increasing order. Lines end at \n (so \r\n counts once),
 * or at \r in a file whose records end with a lone \r. Each character is looked at once: the next line end
 * is found with indexOf and remembered.
 */
class LineCounter {
  private countedTo = 0;
  private lineEnd = '';
  private next = -1;

  constructor(
    private readonly text: string,
    private line: number,
    private readonly recordDelimiter: () => string,
  ) {}

  lineAt(pos: number): number {
    if (pos <= this.countedTo) return this.line;
    const lineEnd = this.recordDelimiter() === '\r' ? '\r' : '\n';
    if (lineEnd !== this.lineEnd) {
      this.lineEnd = lineEnd;
      this.next = this.text.indexOf(lineEnd, this.countedTo);
    }
    while (this.next >= 0 && this.next < pos) {
      this.line++;
      this.next = this.text.indexOf(lineEnd, this.next + 1);
    }
    this.countedTo = pos;
    return this.line;
  }
}
