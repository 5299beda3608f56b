/**
 * The report's sections, each drawing onto a ReportWriter: title page, slate summary, the forecast in large
 * type with its inputs, the charts, comparables and reasons, the model card, and data provenance. Numbers
 * are formatted with the shared formatters, the same ones the app shows.
 */
import type { Forecast } from '../../shared/forecast';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatMoneyFull,
  formatMoneyRange,
  formatMultiple,
  formatNumber,
  formatPercent,
  formatMetric,
  formatRoi,
  franchiseNote,
  METRIC_LABELS,
  plural,
} from '../../shared/format';
import { countryLabel } from '../../shared/countries';
import { languageLabel } from '../../shared/languages';
import {
  comparablesChartOption,
  contributionsWaterfallOption,
  featureLabel,
  slateChartOption,
  whatIfOption,
} from '../../shared/charts/forecast';
import { lightChartTheme, type ChartTheme } from '../../shared/charts/theme';
import { drawChart } from './charts-svg';
import { FONT } from './fonts';
import { COLOURS, type ReportWriter } from './layout';
import { TMDB_ATTRIBUTION, type ReportData, type ReportScenario } from './model';

/** Charts in the PDF print on white in the embedded font. */
const PDF_THEME: ChartTheme = { ...lightChartTheme, background: '#ffffff', fontFamily: FONT.regular };

export function scenarioTitle(scenario: ReportScenario): string {
  return scenario.forecast.input.title?.trim() || scenario.name;
}

/** The headline numbers, formatted exactly as the report prints them (tests compare against these). */
export function headline(forecast: Forecast) {
  const level = Math.round(forecast.interval * 100);
  return {
    revenue: formatMoney(forecast.revenue),
    range: formatMoneyRange(forecast.revenueLow, forecast.revenueHigh),
    rangeLabel: `${level}% range`,
    hitProbability: forecast.hitProbability === null ? 'no hit model' : formatPercent(forecast.hitProbability),
    roi: formatRoi(forecast.roi),
    breakEven: formatMoney(forecast.breakEven),
    hitMultiple: formatMultiple(forecast.hitMultiple),
  };
}

export function titlePage(w: ReportWriter, data: ReportData): void {
  const { doc } = w;
  doc.rect(0, 0, doc.page.width, 10).fillColor(COLOURS.accent).fill();
  w.y = 150;
  const kicker = data.kind === 'slate' ? `SLATE REPORT · ${data.scenarios.length} SCENARIOS` : 'SCENARIO REPORT';
  w.drawLine(kicker, w.left, w.y, w.width, { size: 10, bold: true, colour: COLOURS.accent });
  w.y += 22;
  w.paragraph(data.title, { size: 28, bold: true, leading: 1.2 });
  w.y += 6;
  w.drawLine(
    `Prepared for the greenlight committee · ${formatDate(data.generatedAt.toISOString())}`,
    w.left,
    w.y,
    w.width,
    {
      size: 11,
      colour: COLOURS.muted,
    },
  );
  w.y += 40;
  if (data.note) {
    w.drawLine("ANALYST'S NOTE", w.left, w.y, w.width, { size: 9, bold: true, colour: COLOURS.muted });
    w.y += 16;
    const top = w.y;
    w.paragraph(data.note, { size: 11.5, leading: 1.45 }, { x: w.left + 14, width: w.width - 14 });
    doc
      .moveTo(w.left + 2, top)
      .lineTo(w.left + 2, w.y - 4)
      .lineWidth(2.5)
      .strokeColor(COLOURS.accent)
      .stroke();
    w.y += 24;
  }
  if (data.kind === 'scenario' && data.scenarios[0]) {
    const h = headline(data.scenarios[0].forecast);
    w.drawLine('AT A GLANCE', w.left, w.y, w.width, { size: 9, bold: true, colour: COLOURS.muted });
    w.y += 16;
    w.keyValues(
      [
        ['Expected revenue', `${h.revenue} (${h.rangeLabel} ${h.range})`],
        ['Hit probability', h.hitProbability],
        ['Return on budget', h.roi],
      ],
      150,
      { size: 11 },
    );
  }
  w.y = Math.max(w.y, doc.page.height - 190);
  w.rule();
  w.y += 10;
  w.paragraph(
    'Forecasts are estimates from past films, not promises: the range says how far films like this one have ' +
      'strayed from what the model expected. The model card at the end says what the models know and what they do not.',
    { size: 8.5, colour: COLOURS.muted, leading: 1.4 },
  );
}

/** Scenarios side by side with slate totals (budget, expected revenue, expected hits). */
export function slateSummary(w: ReportWriter, data: ReportData): void {
  w.newPage();
  w.heading('The slate at a glance', 120);
  const rows = data.scenarios.map((s) => {
    const f = s.forecast;
    return [
      scenarioTitle(s),
      formatMoney(f.input.budget),
      formatMoney(f.revenue),
      formatMoneyRange(f.revenueLow, f.revenueHigh),
      f.hitProbability === null ? '—' : formatPercent(f.hitProbability),
      formatRoi(f.roi),
    ];
  });
  const totals = slateTotals(data);
  rows.push([
    `Total (${plural(data.scenarios.length, 'film')})`,
    formatMoney(totals.budget),
    formatMoney(totals.revenue),
    '',
    totals.expectedHits === null ? '—' : `${formatNumber(totals.expectedHits, 1)} hits`,
    formatRoi(totals.roi),
  ]);
  w.table(
    [
      { header: 'Scenario', width: 151 },
      { header: 'Budget', width: 58, align: 'right' },
      { header: 'Revenue', width: 62, align: 'right' },
      { header: '80% range', width: 95, align: 'right' },
      { header: 'Hit chance', width: 67, align: 'right' },
      { header: 'ROI', width: 54, align: 'right' },
    ],
    rows,
    { emphasise: [rows.length - 1] },
  );
  w.space(6);
  w.paragraph(
    'Expected hits add up each film’s hit probability: the number of hits the slate should bring on average. ' +
      'Ranges do not add up across films, so the total has none. Each scenario has its own section below.',
    { size: 9, colour: COLOURS.muted, leading: 1.4 },
  );
  w.space(16);
  w.subheading('Budget, expected revenue and break-even', 200);
  const height = Math.min(60 + 46 * data.scenarios.length, w.bottom - w.y);
  drawChart(
    w.doc,
    slateChartOption(
      data.scenarios.map((s) => s.forecast),
      PDF_THEME,
    ),
    { x: w.left, y: w.y, width: w.width, height },
  );
  w.y += height;
}

export function slateTotals(data: ReportData) {
  const budget = data.scenarios.reduce((s, x) => s + x.forecast.input.budget, 0);
  const revenue = data.scenarios.reduce((s, x) => s + x.forecast.revenue, 0);
  const hits = data.scenarios.map((x) => x.forecast.hitProbability);
  const expectedHits = hits.every((h) => h === null) ? null : hits.reduce<number>((s, h) => s + (h ?? 0), 0);
  return { budget, revenue, expectedHits, roi: revenue / budget - 1 };
}

/** A large number with its label above and an explanation below. */
function tile(
  w: ReportWriter,
  x: number,
  top: number,
  width: number,
  label: string,
  value: string,
  explain: string,
): void {
  w.drawLine(label.toUpperCase(), x, top, width, { size: 8.5, bold: true, colour: COLOURS.muted });
  w.drawLine(value, x, top + 14, width, { size: 20, bold: true });
  const lines = w.wrap(explain, width - 6, { size: 8.5 });
  lines
    .slice(0, 3)
    .forEach((line, i) => w.drawLine(line, x, top + 42 + i * 11, width, { size: 8.5, colour: COLOURS.muted }));
}

/** The forecast in large type, then the inputs and any warnings. */
export function forecastPage(
  w: ReportWriter,
  scenario: ReportScenario,
  index: number | null,
  reportNote: string | null = null,
): void {
  const f = scenario.forecast;
  const h = headline(f);
  w.newPage();
  const kicker = index === null ? 'THE FORECAST' : `SCENARIO ${index + 1}`;
  w.drawLine(kicker, w.left, w.y, w.width, { size: 9, bold: true, colour: COLOURS.accent });
  w.y += 15;
  w.paragraph(scenarioTitle(scenario), { size: 20, bold: true, leading: 1.2 });
  if (scenario.name !== scenarioTitle(scenario)) {
    w.paragraph(`Saved as “${scenario.name}”`, { size: 9.5, colour: COLOURS.muted });
  }
  w.y += 10;

  // The headline band: revenue and its range, large.
  const bandTop = w.y;
  const bandHeight = 96;
  w.doc.rect(w.left, bandTop, w.width, bandHeight).fillColor(COLOURS.accentSoft).fill();
  w.drawLine('EXPECTED WORLDWIDE REVENUE', w.left + 16, bandTop + 14, w.width, {
    size: 9,
    bold: true,
    colour: COLOURS.accent,
  });
  w.drawLine(h.revenue, w.left + 16, bandTop + 30, w.width, { size: 38, bold: true, colour: COLOURS.text });
  w.drawLine(`${h.rangeLabel}: ${h.range}`, w.left + 16, bandTop + 74, w.width, { size: 11, colour: COLOURS.text });
  const intervals = Object.entries(f.intervals)
    .filter(([level]) => Math.abs(Number(level) - f.interval) > 1e-9)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([level, r]) => `${Math.round(Number(level) * 100)}%: ${formatMoneyRange(r.low, r.high)}`);
  if (intervals.length > 0) {
    intervals.forEach((line, i) =>
      w.drawLine(line, w.left + w.width * 0.58, bandTop + 36 + i * 14, w.width * 0.42 - 16, {
        size: 9.5,
        colour: COLOURS.muted,
        align: 'right',
      }),
    );
    w.drawLine('OTHER RANGES', w.left + w.width * 0.58, bandTop + 18, w.width * 0.42 - 16, {
      size: 8,
      bold: true,
      colour: COLOURS.muted,
      align: 'right',
    });
  }
  w.y = bandTop + bandHeight + 16;

  // Three tiles: hit probability, return on budget, break-even.
  const tileWidth = w.width / 3;
  const tilesTop = w.y;
  tile(
    w,
    w.left,
    tilesTop,
    tileWidth - 10,
    'Hit probability',
    h.hitProbability,
    `Chance revenue reaches ${h.hitMultiple} the budget (model #${f.models.hit?.id ?? '—'}).`,
  );
  tile(
    w,
    w.left + tileWidth,
    tilesTop,
    tileWidth - 10,
    'Return on budget',
    h.roi,
    'Expected revenue over budget, minus one.',
  );
  tile(
    w,
    w.left + tileWidth * 2,
    tilesTop,
    tileWidth - 10,
    'Break-even',
    h.breakEven,
    `Revenue needed for ${h.hitMultiple} the budget, the studio's bar for a hit.`,
  );
  w.y = tilesTop + 84;

  if (scenario.staleNote || f.warnings.length > 0) {
    const notes = [...(scenario.staleNote ? [scenario.staleNote] : []), ...f.warnings];
    w.callout(notes.map((n) => `⚠ ${n}`).join('\n'), { fill: COLOURS.warningSoft, text: COLOURS.warning });
  }

  w.subheading('The inputs', 120);
  w.keyValues(inputRows(f), 130, { size: 9.5 });
  if (scenario.note && scenario.note !== reportNote) {
    w.space(6);
    w.subheading('Scenario note', 30);
    w.paragraph(scenario.note, { size: 9.5, leading: 1.4 });
  }
  w.space(4);
  w.paragraph(
    `Forecast by revenue model #${f.models.revenue.id} (${f.models.revenue.algorithm}, ${f.models.revenue.featureSet} features)` +
      (f.models.hit ? ` and hit model #${f.models.hit.id} (${f.models.hit.algorithm})` : '') +
      (scenario.savedAt ? `; saved ${formatDateTime(scenario.savedAt)} UTC.` : '.'),
    { size: 8.5, colour: COLOURS.muted },
  );
}

function list(values: readonly string[] | undefined): string {
  return values && values.length > 0 ? values.join(', ') : '—';
}

export function inputRows(f: Forecast): [string, string][] {
  const i = f.input;
  const release = formatDate(i.releaseDate);
  return [
    ['Budget', `${formatMoney(i.budget)} (${formatMoneyFull(i.budget)})`],
    ['Runtime', i.runtime ? `${formatNumber(i.runtime)} minutes` : '—'],
    ['Genres', list(i.genres)],
    ['Release date', release],
    ['Original language', languageLabel(i.language) || '—'],
    ['Production countries', list(i.countries?.map((code) => countryLabel(code)))],
    ['Studios', list(i.companies)],
    ['Director', list(i.directors)],
    ['Top-billed cast', list(i.cast)],
    ['Keywords', list(i.keywords)],
  ];
}

/** Comparables chart and contributions waterfall on one page; the what-if curves on the next. */
export function chartPages(w: ReportWriter, scenario: ReportScenario): void {
  const f = scenario.forecast;
  w.newPage();
  w.heading('Against comparable films', 300);
  w.paragraph(
    'Past films most like this one (budget and revenue on log scales). The diamond is this film’s forecast, the ' +
      `green bar its ${Math.round(f.interval * 100)}% range; films above the dashed line earned ` +
      `${formatMultiple(f.hitMultiple)} their budget or more. Each number is a film in the Comparable films table ` +
      'further on.',
    { size: 9, colour: COLOURS.muted, leading: 1.4 },
  );
  w.space(4);
  const chartHeight = 268;
  drawChart(w.doc, comparablesChartOption(f, PDF_THEME), { x: w.left, y: w.y, width: w.width, height: chartHeight });
  w.y += chartHeight + 12;
  w.heading('Why the model says so', 260);
  w.paragraph(
    'Each bar moves the prediction from the average film (base) on the log-revenue scale; green raises it, orange ' +
      'lowers it. The steps add up exactly to the prediction.',
    { size: 9, colour: COLOURS.muted, leading: 1.4 },
  );
  w.space(4);
  const waterfallHeight = Math.min(262, w.bottom - w.y);
  drawChart(w.doc, contributionsWaterfallOption(f, PDF_THEME), {
    x: w.left,
    y: w.y,
    width: w.width,
    height: waterfallHeight,
  });
  w.y += waterfallHeight;

  const budget = whatIfOption(f, 'budget', PDF_THEME);
  const month = whatIfOption(f, 'month', PDF_THEME);
  if (!budget && !month) return;
  w.newPage();
  w.heading('What if', 300);
  w.paragraph(
    'The same film with another budget (a quarter to four times this one) or another release month; everything ' +
      'else stays as typed.' +
      (f.hitProbability === null ? '' : ' The blue line is the hit probability (right axis).'),
    { size: 9, colour: COLOURS.muted, leading: 1.4 },
  );
  w.space(6);
  for (const [title, option] of [
    ['Budget', budget],
    ['Release month', month],
  ] as const) {
    if (!option) continue;
    w.subheading(title, 250);
    const height = 270;
    drawChart(w.doc, option, { x: w.left, y: w.y, width: w.width, height });
    w.y += height + 10;
  }
}

/** The reasons in words and the comparable films as a table. */
export function comparablesPage(w: ReportWriter, scenario: ReportScenario): void {
  const f = scenario.forecast;
  w.newPage();
  w.heading('The reasons in words', 100);
  const top = [...f.contributions].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect)).slice(0, 10);
  w.table(
    [
      { header: 'Reason: the feature and this film’s value', width: 360 },
      { header: 'Effect (log revenue)', width: 127, align: 'right' },
    ],
    top.map((c) => [featureLabel(c), `${c.effect >= 0 ? '+' : '−'}${Math.abs(c.effect).toFixed(2)}`]),
  );
  w.paragraph(
    `Base ${f.base.toFixed(2)} plus all ${plural(f.contributions.length, 'effect')} gives the prediction; the largest ${Math.min(10, f.contributions.length)} are shown.`,
    { size: 8.5, colour: COLOURS.muted },
  );
  const franchise = franchiseNote(f.franchise);
  if (franchise) {
    w.space(6);
    w.paragraph(franchise, { size: 9, leading: 1.4 });
  }
  w.space(14);
  w.heading('Comparable films', 100);
  w.table(
    [
      { header: '#', width: 20, align: 'right' },
      { header: 'Film', width: 140 },
      { header: 'Year', width: 32, align: 'right' },
      { header: 'Budget', width: 50, align: 'right' },
      { header: 'Revenue', width: 54, align: 'right' },
      { header: 'Predicted', width: 62, align: 'right' },
      { header: 'Genres', width: 87 },
      { header: 'Alike', width: 42, align: 'right' },
    ],
    f.comparables.map((c, i) => [
      String(i + 1),
      c.title,
      c.year === null ? '—' : String(c.year),
      formatMoney(c.budget),
      formatMoney(c.revenue),
      formatMoney(c.predicted),
      c.genres.join(', ') || '—',
      formatPercent(c.similarity),
    ]),
  );
  w.paragraph(
    '“#” is the film’s number on the comparables chart. ' +
      '“Predicted” is what the revenue model says of that film, so the model can be seen against what happened. ' +
      '“Alike” is the similarity on budget, genres, year, runtime, language and people.',
    { size: 8.5, colour: COLOURS.muted, leading: 1.4 },
  );
}

/** What the models are, what they were trained on, how well they did in cross-validation, what they cannot know. */
export function modelCard(w: ReportWriter, data: ReportData): void {
  w.newPage();
  w.heading('Model card', 160);
  const used = new Map<
    number,
    { id: number; target: string; algorithm: string; featureSet: string; createdAt: string }
  >();
  for (const s of data.scenarios) {
    const m = s.forecast.models;
    for (const model of [m.revenue, m.hit]) if (model) used.set(model.id, model);
  }
  const stored = new Map(data.models.map((m) => [m.id, m]));
  const ids = [...used.keys()].sort((a, b) => a - b);
  for (const id of ids) {
    const m = stored.get(id);
    const u = used.get(id)!;
    w.subheading(`${capitalise(u.target)} model · version #${id}`, 110);
    const rows: [string, string][] = [
      ['Algorithm', u.algorithm],
      ['Feature set', u.featureSet],
      ['Trained', `${formatDateTime(u.createdAt)} UTC`],
    ];
    if (m) {
      rows.push(['Training rows', `${formatNumber(m.data.rows)} films`]);
      rows.push(['Release years', m.data.years ? `${m.data.years[0]} – ${m.data.years[1]}` : '—']);
      rows.push(['Import batches', m.data.batches.length > 0 ? m.data.batches.map((b) => `#${b}`).join(', ') : '—']);
      rows.push(['Flagged films', m.data.includeFlagged ? 'included' : 'left out']);
      const params = Object.entries(m.params).map(
        ([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
      );
      rows.push(['Parameters', params.join(', ') || 'defaults']);
      // The known metrics, in a fixed order; bookkeeping keys (rows, cv_score) stay out.
      const metrics = Object.keys(METRIC_LABELS)
        .filter((k) => typeof m.metrics[k] === 'number')
        .map((k) => `${METRIC_LABELS[k]} ${formatMetric(k, m.metrics[k])}`);
      rows.push(['Cross-validated', metrics.join(' · ') || '—']);
      rows.push(['Status', m.status + (m.activatedAt ? ` since ${formatDateTime(m.activatedAt)} UTC` : '')]);
    } else {
      rows.push(['Training data', 'this version is no longer in the database; its details cannot be shown']);
    }
    w.keyValues(rows, 120, { size: 9.5 });
    w.space(8);
  }
  w.subheading('Known limits', 80);
  for (const limit of knownLimits(data)) {
    w.ensureSpace(w.lineHeight({ size: 9.5 }));
    w.drawLine('•', w.left + 4, w.y, 10, { size: 9.5, colour: COLOURS.accent });
    w.paragraph(limit, { size: 9.5, leading: 1.4 }, { x: w.left + 16, width: w.width - 16 });
    w.space(3);
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function knownLimits(data: ReportData): string[] {
  const lastYear = Math.max(...data.models.map((m) => m.data.years?.[1] ?? -Infinity));
  const flaggedLeftOut = data.models.length === 0 || data.models.some((m) => !m.data.includeFlagged);
  const multiple = data.scenarios[0]?.forecast.hitMultiple;
  return [
    Number.isFinite(lastYear)
      ? `The data end in ${lastYear}: later films, streaming windows and today's ticket prices are not in them, so recent-year scenarios are extrapolation.`
      : 'The data end in 2017 (TMDB 5000): later films are not in them, so recent-year scenarios are extrapolation.',
    flaggedLeftOut
      ? 'Flagged films (implausible budgets or revenues, such as a budget of $7) were left out of training.'
      : 'Flagged films (implausible budgets or revenues) were included in training at the analyst’s request.',
    'Revenue is worldwide box office in nominal dollars as TMDB records it: not inflation-adjusted, no home video or streaming.',
    'Ranges are conformal intervals from out-of-fold errors: about 80% of past films fell inside their 80% range. A film unlike the past ones may fall outside more often.',
    multiple !== undefined
      ? `A “hit” means revenue of at least ${formatMultiple(multiple)} the budget, the usual allowance for marketing and the cinemas' share.`
      : 'A “hit” means revenue of at least the hit multiple times the budget.',
  ];
}

/** Where the data came from: import batches and the TMDB attribution. */
export function provenance(w: ReportWriter, data: ReportData): void {
  w.space(10);
  w.heading('Data provenance', 90);
  if (data.batches.length === 0) {
    w.paragraph('No import batches are recorded in this database.', { size: 9.5 });
  } else {
    const used = new Set(data.models.flatMap((m) => m.data.batches));
    w.table(
      [
        { header: 'Batch', width: 38, align: 'right' },
        { header: 'File', width: 122 },
        { header: 'Kind', width: 46 },
        { header: 'Rows', width: 44, align: 'right' },
        { header: 'Loaded', width: 48, align: 'right' },
        { header: 'Quarantined', width: 70, align: 'right' },
        { header: 'Flagged', width: 48, align: 'right' },
        { header: 'Imported', width: 71 },
      ],
      data.batches.map((b) => [
        `#${b.id}${used.has(b.id) ? '*' : ''}`,
        b.source,
        b.kind,
        formatNumber(b.rowsRead),
        formatNumber(b.rowsLoaded),
        formatNumber(b.rowsQuarantined),
        formatNumber(b.rowsFlagged),
        formatDate(b.finishedAt),
      ]),
      { size: 8.5 },
    );
    if (used.size > 0) w.paragraph('* used to train the models above.', { size: 8.5, colour: COLOURS.muted });
  }
  w.space(8);
  w.callout(`Film data: TMDB (The Movie Database). ${TMDB_ATTRIBUTION}`);
}
