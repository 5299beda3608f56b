/**
 * The fonts a report embeds (resources/fonts): DejaVu Sans for text, Droid Sans Fallback for the CJK glyphs
 * DejaVu lacks. pdfkit writes one font per run of text, so text is split into runs by which font has each
 * character; without this, the standard PDF fonts silently drop every letter outside Latin-1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openSync, type Font } from 'fontkit';

/** Font names as registered in the PDF document (and returned to svg-to-pdfkit). */
export const FONT = { regular: 'GL-Sans', bold: 'GL-Sans-Bold', fallback: 'GL-Fallback' } as const;
export type FontName = (typeof FONT)[keyof typeof FONT];

const FILES = {
  [FONT.regular]: 'DejaVuSans.ttf',
  [FONT.bold]: 'DejaVuSans-Bold.ttf',
  [FONT.fallback]: 'DroidSansFallback.ttf',
} as const;

/**
 * Finds resources/fonts: $GREENLIGHT_RESOURCES when set, Electron's resources path when packaged, else the
 * nearest ancestor of this module that holds resources/fonts (source runs and bundled builds alike).
 */
export function fontsDirectory(): string {
  const candidates: string[] = [];
  if (process.env.GREENLIGHT_RESOURCES) candidates.push(path.join(process.env.GREENLIGHT_RESOURCES, 'fonts'));
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged) candidates.push(path.join(packaged, 'resources', 'fonts'), path.join(packaged, 'fonts'));
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    candidates.push(path.join(dir, 'resources', 'fonts'));
    dir = path.dirname(dir);
  }
  const found = candidates.find((c) => fs.existsSync(path.join(c, FILES[FONT.regular])));
  if (!found)
    throw new Error(`The report fonts are missing: looked for ${FILES[FONT.regular]} in ${candidates.join(', ')}`);
  return found;
}

export function fontPath(name: FontName): string {
  return path.join(fontsDirectory(), FILES[name]);
}

let opened: { main: Font; bold: Font; fallback: Font } | null = null;
function fonts(): { main: Font; bold: Font; fallback: Font } {
  opened ??= {
    main: openSync(fontPath(FONT.regular)),
    bold: openSync(fontPath(FONT.bold)),
    fallback: openSync(fontPath(FONT.fallback)),
  };
  return opened;
}

/** A piece of text that one font prints. */
export interface TextRun {
  text: string;
  fallback: boolean;
}

/**
 * Splits text into runs: characters DejaVu has stay in the main font, the ones only the fallback has (CJK)
 * go to the fallback. A character neither has stays in the main font, where it shows as a visible box
 * rather than vanishing.
 */
export function splitRuns(text: string): TextRun[] {
  const { main, fallback } = fonts();
  const runs: TextRun[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0) as number;
    const useFallback = !main.hasGlyphForCodePoint(cp) && fallback.hasGlyphForCodePoint(cp);
    const last = runs[runs.length - 1];
    if (last && last.fallback === useFallback) last.text += char;
    else runs.push({ text: char, fallback: useFallback });
  }
  return runs;
}

/** True when some character of the text needs the fallback font. */
export function needsFallback(text: string): boolean {
  return splitRuns(text).some((r) => r.fallback);
}

/** Registers the bundled fonts in a pdfkit document. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const name of Object.values(FONT)) doc.registerFont(name, fontPath(name));
}

/** Widths at size 1, by weight and text: charts and wrapping measure the same strings many times. */
const widthCache = new Map<string, number>();
const WIDTH_CACHE_LIMIT = 20_000;

/** Width in points (or pixels) of text at `size`, as the embedded fonts print it. */
export function textWidth(text: string, size: number, bold = false): number {
  const key = `${bold ? 'b' : 'r'}${text}`;
  let unit = widthCache.get(key);
  if (unit === undefined) {
    const { main, bold: boldFont, fallback } = fonts();
    unit = 0;
    for (const run of splitRuns(text)) {
      const font = run.fallback ? fallback : bold ? boldFont : main;
      unit += font.layout(run.text).advanceWidth / font.unitsPerEm;
    }
    if (widthCache.size >= WIDTH_CACHE_LIMIT) widthCache.clear();
    widthCache.set(key, unit);
  }
  return unit * size;
}
