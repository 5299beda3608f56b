import { describe, expect, it } from 'vitest';
import { splitRuns, textWidth } from '../../../src-main/core/report/fonts';
import { markFallbackText, svgFontCallback } from '../../../src-main/core/report/charts-svg';
import { reportFileName } from '../../../src-main/core/report/render';
import { ReportWriter } from '../../../src-main/core/report/layout';
import { FONT } from '../../../src-main/core/report/fonts';

describe('font runs', () => {
  it('sends only the characters DejaVu lacks (CJK) to the fallback font, keeping everything else', () => {
    expect(splitRuns('Größe 重要度 (Ça) <&>')).toEqual([
      { text: 'Größe ', fallback: false },
      { text: '重要度', fallback: true },
      { text: ' (Ça) <&>', fallback: false },
    ]);
    expect(splitRuns('한국어 Ωmega')[0]).toEqual({ text: '한국어', fallback: true });
  });

  it('measures with the real fonts: bold is wider, CJK is a full em', () => {
    expect(textWidth('Revenue', 10, true)).toBeGreaterThan(textWidth('Revenue', 10));
    expect(textWidth('重要', 10)).toBeCloseTo(20, 0);
  });
});

describe('chart text in the PDF', () => {
  it('splits SVG text holding CJK into tspans naming the fallback font, escaping the rest again', () => {
    const svg = '<svg><text x="1">Größe 重要度 &lt;b&gt; &amp;</text><text>$90M</text></svg>';
    expect(markFallbackText(svg)).toBe(
      `<svg><text x="1">Größe <tspan font-family="${FONT.fallback}">重要度</tspan> &lt;b&gt; &amp;</text><text>$90M</text></svg>`,
    );
    expect(svgFontCallback(FONT.fallback, false)).toBe(FONT.fallback);
    expect(svgFontCallback("system-ui, 'Segoe UI', sans-serif", true)).toBe(FONT.bold);
    expect(svgFontCallback('sans-serif', false)).toBe(FONT.regular);
  });
});

describe('layout', () => {
  const writer = new ReportWriter({ title: 't', subject: 's', createdAt: new Date(0) });

  it('wraps by measured width, breaking CJK between characters, and never loses a character', () => {
    const text = 'The committee meets on Monday 重要度重要度重要度重要度重要度 to decide the June slot.';
    const lines = writer.wrap(text, 120, { size: 10 });
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(writer.measure(line, { size: 10 })).toBeLessThanOrEqual(120.01);
    expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
  });

  it('ellipsises a cell that does not fit', () => {
    const fitted = writer.fit('The Huntsman: Winter’s War', 60, { size: 9 });
    expect(fitted.endsWith('…')).toBe(true);
    expect(writer.measure(fitted, { size: 9 })).toBeLessThanOrEqual(60);
    expect(writer.fit('Heat', 60, { size: 9 })).toBe('Heat');
  });
});

describe('reportFileName', () => {
  it('is ASCII, from the title, dated', () => {
    const generatedAt = new Date('2027-06-18T10:00:00Z');
    expect(reportFileName({ title: 'Größe: Ça <img> & Co', generatedAt, kind: 'scenario' })).toBe(
      'greenlight-grosse-ca-img-co-2027-06-18.pdf',
    );
    expect(reportFileName({ title: '重要度', generatedAt, kind: 'slate' })).toBe('greenlight-slate-2027-06-18.pdf');
  });
});
