/**
 * A small layout layer over pdfkit: A4 pages, a cursor, text that wraps by measured width and switches font
 * per run (so CJK prints through the fallback font), tables that break across pages with their header
 * repeated, and the running header and footer (page numbers, generation time) written once all pages exist.
 * Strings are drawn as glyphs, never interpreted: PDF and HTML special characters print as written.
 */
import PDFDocument from 'pdfkit';
import { FONT, registerFonts, splitRuns, textWidth } from './fonts';

export const COLOURS = {
  text: '#1d2330',
  muted: '#5d6675',
  rule: '#d5d9e0',
  band: '#f2f4f7',
  accent: '#1f7a4d',
  accentSoft: '#e6f2ec',
  warning: '#9a3412',
  warningSoft: '#fdf1e8',
} as const;

export interface TextStyle {
  size?: number;
  bold?: boolean;
  colour?: string;
  align?: 'left' | 'right' | 'center';
  /** Line height as a multiple of the size (default 1.3). */
  leading?: number;
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

const MARGIN = { top: 62, bottom: 58, left: 54, right: 54 };
/** Ascent of the fonts as a share of the size, to place a line's baseline below its top. */
const ASCENT = 0.93;

export class ReportWriter {
  readonly doc: PDFKit.PDFDocument;
  /** The cursor: top of the next thing drawn. */
  y = MARGIN.top;
  private readonly output: Promise<Buffer>;

  constructor(info: { title: string; subject: string; createdAt: Date }) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      autoFirstPage: true,
      info: {
        Title: info.title,
        Subject: info.subject,
        Author: 'Greenlight',
        Creator: 'Greenlight',
        CreationDate: info.createdAt,
      },
    });
    // Collect the bytes from the start, so nothing pdfkit writes early is missed.
    const chunks: Buffer[] = [];
    this.output = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    registerFonts(this.doc);
    this.doc.font(FONT.regular);
  }

  get left(): number {
    return MARGIN.left;
  }
  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }
  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }
  get pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` points still fit below the cursor. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  space(points: number): void {
    this.y += points;
  }

  /** Width of text in a style, summed over its font runs (cached: wrapping measures the same text often). */
  measure(text: string, style: TextStyle = {}): number {
    return textWidth(text, style.size ?? 10, style.bold ?? false);
  }

  /** Greedy word wrap by measured width; a word longer than the line breaks between characters. */
  wrap(text: string, width: number, style: TextStyle = {}): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split(/\r?\n/)) {
      // Words, spaces, and each CJK character on its own (CJK breaks between any two characters).
      const tokens = paragraph.match(
        /\s+|[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]+/g,
      ) ?? [''];
      let line = '';
      for (const token of tokens) {
        const candidate = line + token;
        if (this.measure(candidate, style) <= width || line.trim() === '') {
          if (this.measure(candidate, style) <= width) {
            line = candidate;
            continue;
          }
          // A single token wider than the line: break it between characters.
          for (const char of token) {
            if (this.measure(line + char, style) > width && line !== '') {
              lines.push(line);
              line = '';
            }
            line += char;
          }
          continue;
        }
        lines.push(line.trimEnd());
        line = token.trim() === '' ? '' : token;
      }
      lines.push(line.trimEnd());
    }
    return lines;
  }

  /** Shortens text with an ellipsis so it fits `width` on one line. */
  fit(text: string, width: number, style: TextStyle = {}): string {
    if (this.measure(text, style) <= width) return text;
    const chars = [...text];
    while (chars.length > 0 && this.measure(`${chars.join('')}…`, style) > width) chars.pop();
    return `${chars.join('').trimEnd()}…`;
  }

  /** Draws one line at (x, top) without wrapping, font by font. */
  drawLine(text: string, x: number, top: number, width: number, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const lineWidth = this.measure(text, style);
    // Runs advance by pdfkit's own widths, so glyphs sit exactly where pdfkit puts them.
    let cursor =
      style.align === 'right' ? x + width - lineWidth : style.align === 'center' ? x + (width - lineWidth) / 2 : x;
    const baseline = top + size * ASCENT;
    this.doc.fillColor(style.colour ?? COLOURS.text);
    for (const run of splitRuns(text)) {
      this.doc.font(run.fallback ? FONT.fallback : style.bold ? FONT.bold : FONT.regular).fontSize(size);
      this.doc.text(run.text, cursor, baseline, { lineBreak: false, baseline: 'alphabetic' });
      cursor += this.doc.widthOfString(run.text);
    }
  }

  lineHeight(style: TextStyle = {}): number {
    return (style.size ?? 10) * (style.leading ?? 1.3);
  }

  /** Wrapped text at the cursor (or at `x` within `width`), breaking pages between lines. */
  paragraph(text: string, style: TextStyle = {}, box: { x?: number; width?: number } = {}): void {
    const x = box.x ?? this.left;
    const width = box.width ?? this.width;
    const height = this.lineHeight(style);
    for (const line of this.wrap(text, width, style)) {
      this.ensureSpace(height);
      this.drawLine(line, x, this.y, width, style);
      this.y += height;
    }
  }

  /** Height the wrapped text takes. */
  heightOf(text: string, width: number, style: TextStyle = {}): number {
    return this.wrap(text, width, style).length * this.lineHeight(style);
  }

  /** A section heading with a rule under it; kept with at least `keepWith` points of what follows. */
  heading(text: string, keepWith = 80): void {
    this.ensureSpace(34 + keepWith);
    this.drawLine(text, this.left, this.y, this.width, { size: 15, bold: true });
    this.y += 21;
    this.rule();
    this.y += 10;
  }

  subheading(text: string, keepWith = 60): void {
    this.ensureSpace(20 + keepWith);
    this.drawLine(text, this.left, this.y, this.width, { size: 11, bold: true, colour: COLOURS.text });
    this.y += 17;
  }

  rule(colour: string = COLOURS.rule): void {
    this.doc
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .lineWidth(0.75)
      .strokeColor(colour)
      .stroke();
  }

  /** Label / value pairs in two columns of text, values wrapping. */
  keyValues(rows: [string, string][], labelWidth = 150, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const valueWidth = this.width - labelWidth;
    for (const [label, value] of rows) {
      const height = Math.max(this.heightOf(value, valueWidth, { size }), this.lineHeight({ size })) + 3;
      this.ensureSpace(height);
      this.drawLine(label, this.left, this.y, labelWidth - 8, { size, colour: COLOURS.muted });
      const top = this.y;
      this.paragraph(value, { size }, { x: this.left + labelWidth, width: valueWidth });
      this.y = Math.max(this.y, top + this.lineHeight({ size })) + 3;
    }
  }

  /**
   * A table: one line per cell (ellipsised to the column), zebra bands, the header repeated on each page.
   * `emphasise` rows print bold above a rule (totals).
   */
  table(columns: Column[], rows: string[][], options: { size?: number; emphasise?: number[] } = {}): void {
    const size = options.size ?? 9;
    const rowHeight = size * 1.9;
    const header = () => {
      this.ensureSpace(rowHeight * 2);
      let x = this.left;
      for (const c of columns) {
        this.drawLine(
          this.fit(c.header, c.width - 8, { size, bold: true }),
          x + 4,
          this.y + rowHeight * 0.22,
          c.width - 8,
          {
            size,
            bold: true,
            colour: COLOURS.muted,
            align: c.align,
          },
        );
        x += c.width;
      }
      this.y += rowHeight;
      this.rule(COLOURS.text);
    };
    header();
    rows.forEach((row, index) => {
      if (this.y + rowHeight > this.bottom) {
        this.newPage();
        header();
      }
      const emphasised = options.emphasise?.includes(index) ?? false;
      const tableWidth = columns.reduce((s, c) => s + c.width, 0);
      if (emphasised) {
        this.rule(COLOURS.text);
      } else if (index % 2 === 1) {
        this.doc.rect(this.left, this.y, tableWidth, rowHeight).fillColor(COLOURS.band).fill();
      }
      let x = this.left;
      columns.forEach((c, i) => {
        const style: TextStyle = { size, bold: emphasised, align: c.align };
        this.drawLine(this.fit(row[i] ?? '', c.width - 8, style), x + 4, this.y + rowHeight * 0.22, c.width - 8, style);
        x += c.width;
      });
      this.y += rowHeight;
    });
    this.y += 6;
  }

  /** A shaded box with wrapped text (warnings, the attribution). */
  callout(
    text: string,
    colours: { fill: string; text: string } = { fill: COLOURS.band, text: COLOURS.text },
    size = 9.5,
  ): void {
    const padding = 8;
    const height = this.heightOf(text, this.width - padding * 2, { size }) + padding * 2;
    this.ensureSpace(height);
    this.doc.rect(this.left, this.y, this.width, height).fillColor(colours.fill).fill();
    const top = this.y;
    this.y += padding;
    this.paragraph(text, { size, colour: colours.text }, { x: this.left + padding, width: this.width - padding * 2 });
    this.y = top + height + 8;
  }

  /**
   * Writes the running header (report title) and footer (page i of n, generation time) on every page but
   * the first, then ends the document. Margins are lifted while writing so pdfkit adds no page.
   */
  async finish(running: { title: string; generated: string }): Promise<Buffer> {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const page = this.doc.page;
      const saved = { ...page.margins };
      page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      const footerTop = page.height - MARGIN.bottom + 22;
      if (i > start) {
        this.drawLine(this.fit(running.title, this.width * 0.7, { size: 8 }), MARGIN.left, 30, this.width * 0.7, {
          size: 8,
          colour: COLOURS.muted,
        });
        this.drawLine('Greenlight', MARGIN.left, 30, this.width, {
          size: 8,
          colour: COLOURS.muted,
          align: 'right',
          bold: true,
        });
      }
      this.doc
        .moveTo(MARGIN.left, footerTop - 6)
        .lineTo(page.width - MARGIN.right, footerTop - 6)
        .lineWidth(0.5)
        .strokeColor(COLOURS.rule)
        .stroke();
      this.drawLine(`Generated ${running.generated}`, MARGIN.left, footerTop, this.width, {
        size: 8,
        colour: COLOURS.muted,
      });
      this.drawLine(`Page ${i - start + 1} of ${count}`, MARGIN.left, footerTop, this.width, {
        size: 8,
        colour: COLOURS.muted,
        align: 'right',
      });
      page.margins = saved;
    }
    this.doc.end();
    return this.output;
  }
}
