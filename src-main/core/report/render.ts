/**
 * Lays a report out from gathered data: title page, (slate summary,) one section per scenario, then the
 * model card and data provenance once. Touches no database; the same data always gives the same pages.
 */
import { formatDateTime, plural } from '../../shared/format';
import { ReportWriter } from './layout';
import type { RenderedReport, ReportData, ReportProgress } from './model';
import { chartPages, comparablesPage, forecastPage, modelCard, provenance, slateSummary, titlePage } from './sections';

export async function renderReport(data: ReportData, onProgress: ReportProgress = () => {}): Promise<RenderedReport> {
  if (data.scenarios.length === 0) throw new Error('A report needs at least one scenario.');
  const total = data.scenarios.length + 2;
  const writer = new ReportWriter({
    title: data.title,
    subject: data.kind === 'slate' ? 'Greenlight slate report' : 'Greenlight scenario report',
    createdAt: data.generatedAt,
  });
  onProgress({ step: 'Laying out pages', current: 0, total, detail: 'title page' });
  titlePage(writer, data);
  if (data.kind === 'slate') slateSummary(writer, data);
  data.scenarios.forEach((scenario, i) => {
    onProgress({
      step: 'Laying out pages',
      current: i + 1,
      total,
      detail: `scenario ${i + 1} of ${data.scenarios.length}`,
    });
    forecastPage(writer, scenario, data.kind === 'slate' ? i : null, data.note);
    chartPages(writer, scenario);
    comparablesPage(writer, scenario);
  });
  onProgress({ step: 'Laying out pages', current: total - 1, total, detail: 'model card' });
  modelCard(writer, data);
  provenance(writer, data);
  const pages = writer.pageCount;
  const pdf = await writer.finish({
    title: data.title,
    generated: `${formatDateTime(data.generatedAt.toISOString())} UTC`,
  });
  onProgress({ step: 'Laying out pages', current: total, total, detail: plural(pages, 'page') });
  return { pdf, pages, fileName: reportFileName(data) };
}

/** A file name safe on every system: greenlight-<title in ASCII>-<yyyy-mm-dd>.pdf. */
export function reportFileName(data: Pick<ReportData, 'title' | 'generatedAt' | 'kind'>): string {
  const slug = data.title
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const date = data.generatedAt.toISOString().slice(0, 10);
  return `greenlight-${slug || data.kind}-${date}.pdf`;
}
