/**
 * Data channels: imports run as jobs (progress through ctx.jobs, `data.changed` when done), previews,
 * statistics, history, quarantine, the film browser and the exploratory aggregates.
 */
import { DATA_LIMITS } from '../../shared/contract/data';
import { emitEvent } from '../context';
import { importFileIsolated } from '../ingest/isolated';
import { previewFile } from '../ingest/preview';
import { listBatches } from '../store/batches';
import { dataStats, exploreFilms, getFilm, searchFilms } from '../store/films';
import { listQuarantine, quarantineByReason } from '../store/quarantine';
import { InvalidInputError, type HandlerMap } from './handler';

/** Decodes base64 content and enforces the decoded size limit (the schema bounds the text length). */
function decodeContent(channel: string, content: string, maxBytes: number): Buffer {
  const bytes = Buffer.from(content, 'base64');
  if (bytes.length > maxBytes) {
    throw new InvalidInputError(channel, [{ path: 'content', message: `at most ${maxBytes / 1024 / 1024} MB` }]);
  }
  return bytes;
}

export const dataHandlers = {
  'data.import': ({ fileName, content, kind, mapping }, ctx) => {
    const bytes = decodeContent('data.import', content, DATA_LIMITS.MAX_IMPORT_BYTES);
    const job = ctx.jobs.start('data.import', async (control) => {
      const summary = await importFileIsolated(
        ctx,
        { fileName, content: bytes },
        { kind, mapping, signal: control.signal, onProgress: (p) => control.report(p) },
      );
      emitEvent(ctx, { type: 'data.changed', what: 'films' });
      return summary;
    });
    return { job };
  },
  'data.preview': ({ fileName, content, kind, mapping, rows }) =>
    previewFile(
      { fileName, content: decodeContent('data.preview', content, DATA_LIMITS.MAX_PREVIEW_BYTES) },
      { kind, mapping, rows },
    ),
  'data.stats': (_input, ctx) => dataStats(ctx.db, quarantineByReason(ctx.db)),
  'data.batches': (_input, ctx) => listBatches(ctx.db),
  'data.quarantine': (input, ctx) => listQuarantine(ctx.db, input),
  'data.explore': (_input, ctx) => exploreFilms(ctx.db),
  'films.search': (input, ctx) => searchFilms(ctx.db, input),
  'films.get': ({ id }, ctx) => getFilm(ctx.db, id),
} satisfies HandlerMap<
  | 'data.import'
  | 'data.preview'
  | 'data.stats'
  | 'data.batches'
  | 'data.quarantine'
  | 'data.explore'
  | 'films.search'
  | 'films.get'
>;
