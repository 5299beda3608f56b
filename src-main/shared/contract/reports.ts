/**
 * Report channels: a PDF for the greenlight committee, built in main as a job (progress as steps). The job's
 * result carries the PDF as base64; the renderer turns it into a download or, in Electron, a save dialog.
 */
import { z } from 'zod';
import { channel, output } from './define';
import { filmInputSchema } from './forecast';

/** At most this many saved scenarios in one slate report. */
export const MAX_REPORT_SCENARIOS = 50;

/** What a finished `reports.export` job holds. */
export interface ReportExportResult {
  /** A suggested file name, ASCII only: greenlight-<title>-<yyyy-mm-dd>.pdf. */
  fileName: string;
  pdfBase64: string;
  pages: number;
}

export const reportExportInput = z
  .object({
    /** Saved scenarios, in print order; two or more make a slate report. */
    scenarioIds: z
      .array(z.number().int().positive())
      .min(1, 'name at least one scenario')
      .max(MAX_REPORT_SCENARIOS, `at most ${MAX_REPORT_SCENARIOS} scenarios in one report`)
      .optional(),
    /** An unsaved scenario, forecast now with the active models. */
    input: filmInputSchema.optional(),
    title: z.string().trim().max(200, 'title: at most 200 characters').optional(),
    note: z.string().max(5_000, 'note: at most 5,000 characters').optional(),
  })
  .strict()
  .refine((v) => (v.scenarioIds === undefined) !== (v.input === undefined), {
    message: 'give either scenarioIds or an inline input scenario (exactly one)',
  });

export const reportChannels = {
  'reports.export': channel({
    summary: 'Builds the PDF report of saved scenarios (a slate when several) or of an inline scenario, as a job.',
    job: true,
    input: reportExportInput,
    output: output<{ job: string }>(),
  }),
};
