/**
 * PDF reports for the greenlight committee, built in the core so the app, the browser mode and the CLI make
 * them the same way, with no display. `buildScenarioReport` gathers (source.ts) and lays out (render.ts).
 */
import type { CoreContext } from '../context';
import type { RenderedReport, ReportProgress } from './model';
import { plural } from '../../shared/format';
import { renderReport } from './render';
import { gatherReportData, type GatherOptions, type ReportRequest } from './source';

export type { ReportRequest } from './source';
export { ReportRequestError } from './source';
export type { RenderedReport, ReportData, ReportProgress } from './model';
export { renderReport } from './render';

/** Builds a report and returns it with its page count and a suggested file name. */
export async function buildReport(
  ctx: Pick<CoreContext, 'db'>,
  request: ReportRequest,
  onProgress: ReportProgress = () => {},
  options: GatherOptions = {},
): Promise<RenderedReport> {
  onProgress({ step: 'Reading scenarios', current: 0, total: 1 });
  const data = gatherReportData(ctx, request, options);
  onProgress({ step: 'Reading scenarios', current: 1, total: 1, detail: plural(data.scenarios.length, 'scenario') });
  return renderReport(data, onProgress);
}

/** The PDF bytes of a scenario (or slate) report. */
export async function buildScenarioReport(
  ctx: Pick<CoreContext, 'db'>,
  request: ReportRequest,
  onProgress?: ReportProgress,
): Promise<Buffer> {
  return (await buildReport(ctx, request, onProgress)).pdf;
}
