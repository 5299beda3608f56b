/**
 * Charts for the PDF: the shared ECharts option builders rendered to SVG strings on the server (no DOM, no
 * canvas), then drawn into the PDF as vectors by svg-to-pdfkit, so chart text stays selectable.
 */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import SVGtoPDF from 'svg-to-pdfkit';
import { FONT, splitRuns, textWidth } from './fonts';

/**
 * ECharts lays text out with widths it measures; on a server there is no canvas to measure with and its
 * guess is narrower than the embedded font, so legends and labels overlapped. Measure with the real font.
 */
echarts.setPlatformAPI({
  measureText(text: string, font?: string) {
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
    const bold = /\bbold(er)?\b|\b[6-9]00\b/.test(font ?? '');
    return { width: textWidth(text, size, bold) } as TextMetrics;
  },
});

/** Renders an option to an SVG string at a pixel size; animation is forced off (SSR draws one frame). */
export function renderChartSvg(option: EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
};

function decodeXml(text: string): string {
  return text
    .replace(/&(lt|gt|amp|quot|apos|#39);/g, (e) => ENTITIES[e])
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)));
}

function encodeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * svg-to-pdfkit sets one font per text element. Text holding characters only the fallback font has (CJK) is
 * split into tspans, each run naming its font, so "Größe 重要度" prints whole. Other text is left untouched.
 */
export function markFallbackText(svg: string): string {
  return svg.replace(/(<text\b[^>]*>)([^<]*)(<\/text>)/g, (whole, open: string, body: string, close: string) => {
    const runs = splitRuns(decodeXml(body));
    if (!runs.some((r) => r.fallback)) return whole;
    const inner = runs
      .map((r) =>
        r.fallback ? `<tspan font-family="${FONT.fallback}">${encodeXml(r.text)}</tspan>` : encodeXml(r.text),
      )
      .join('');
    return `${open}${inner}${close}`;
  });
}

/** Maps the SVG's font families to the embedded fonts (the standard PDF fonts would drop letters). */
export function svgFontCallback(family: string, bold: boolean): string {
  if (family && family.includes(FONT.fallback)) return FONT.fallback;
  return bold ? FONT.bold : FONT.regular;
}

/** Draws a chart option into the PDF at (x, y), `width` points wide, keeping the option's pixel aspect. */
export function drawChart(
  doc: PDFKit.PDFDocument,
  option: EChartsOption,
  box: { x: number; y: number; width: number; height: number },
  pixels: { width: number; height: number } = { width: 720, height: Math.round((720 * box.height) / box.width) },
): void {
  const svg = markFallbackText(renderChartSvg(option, pixels.width, pixels.height));
  SVGtoPDF(doc, svg, box.x, box.y, {
    width: box.width,
    height: box.height,
    preserveAspectRatio: 'xMidYMid meet',
    fontCallback: svgFontCallback,
    warningCallback: () => {},
  });
}
