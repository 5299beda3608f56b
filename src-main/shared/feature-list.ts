/**
 * How a typed feature list reads ('greenlight, has_tagline'): names separated by commas, spaces around them ignored,
 * blanks dropped, each name once. Shared by main (which resolves and labels the list) and the train form (which
 * checks it as it is typed).
 */
export function splitFeatureList(features: string | readonly string[]): string[] {
  const names = (typeof features === 'string' ? features.split(',') : features).map((n) => n.trim());
  return [...new Set(names.filter(Boolean))];
}
