import type { ReportExportResult } from '../../shared/contract/reports';
import { JobCancelledError } from '../jobs/manager';
import { buildReport } from '../report';
import type { HandlerMap } from './handler';

export const reportHandlers = {
  /** Starts the report as a job; progress arrives as steps, the PDF (base64) as the job's result. */
  'reports.export': (input, ctx) => ({
    job: ctx.jobs.start<ReportExportResult>('report', async (control) => {
      const report = await buildReport(ctx, input, (p) => {
        // The layout runs in steps; a cancel takes effect at the next one.
        if (control.signal.aborted) throw new JobCancelledError();
        control.report(p);
      });
      return { fileName: report.fileName, pdfBase64: report.pdf.toString('base64'), pages: report.pages };
    }),
  }),
} satisfies HandlerMap<'reports.export'>;
