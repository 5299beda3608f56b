/** Reading parameter values as analysts type them: 100, 0.1, None/null, sqrt, true; grids as JSON. */
export function parseParam(text: string): unknown {
  const t = text.trim();
  if (!t) return undefined;
  if (/^(none|null)$/i.test(t)) return null;
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** A grid like {"n_estimators":[50,100],"max_depth":[3,null]}; says what is wrong when it is not one. */
export function parseGrid(text: string): { grid?: Record<string, unknown[]>; error?: string } {
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'The search space is not valid JSON, e.g. {"max_depth": [3, 5, null]}.' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { error: 'The search space is an object of lists, e.g. {"max_depth": [3, 5, null]}.' };
  }
  for (const [name, list] of Object.entries(value)) {
    if (!Array.isArray(list) || !list.length) return { error: `"${name}" needs a non-empty list of values.` };
  }
  return { grid: value as Record<string, unknown[]> };
}
