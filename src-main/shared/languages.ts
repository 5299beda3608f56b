/**
 * Language names for the ISO 639-1 codes films carry ('en' -> 'English'), for every place an analyst reads a
 * language: the film page, the scenario form, forecast reasons, importance charts and the PDF report. The code
 * stays what is stored, submitted and validated; only what is shown changes. Pure and shared by main and the
 * renderer (no DOM): names come from the platform's Intl.DisplayNames (Node 22 and Chromium both have it), in
 * English like the rest of the app.
 */
import { platformName } from './displayNames';

/**
 * Where TMDB's codes differ from the standard's meaning. TMDB uses "cn" (not an ISO 639-1 code) for Cantonese
 * (its name 广州话 / 廣州話), "zh" for Mandarin (普通话, where Intl says "Chinese"), "xx" for "No Language" (silent
 * films, pure music), and the retired "sh" for Serbo-Croatian (where Intl says "Serbian (Latin)").
 */
const TMDB_LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  cn: 'Cantonese',
  zh: 'Mandarin',
  xx: 'No language',
  sh: 'Serbo-Croatian',
};

/** A bare language code: two letters (ISO 639-1) or three (ISO 639-2/3); anything else is shown as it is. */
const CODE = /^[a-z]{2,3}$/i;

/**
 * The English name of a language code: 'en' -> 'English', 'fr' -> 'French', TMDB's 'cn' -> 'Cantonese' and 'zh'
 * -> 'Mandarin', 'xx' -> 'No language'. Case and surrounding spaces do not matter ('EN ' -> 'English'). Never
 * throws: a code nobody knows ('qq'), or text that is not a code (a name an import kept, 'Latin'), comes back as
 * it was given (trimmed); blank, null and undefined give ''.
 */
export function languageName(code: string | null | undefined): string {
  const text = (code ?? '').trim();
  if (!CODE.test(text)) return text;
  const key = text.toLowerCase();
  const known = TMDB_LANGUAGE_NAMES[key];
  if (known) return known;
  const name = platformName('language', key);
  return name && name.toLowerCase() !== key ? name : text;
}

/**
 * A language as a choice shows it, name and code: 'en' -> 'English (en)', 'cn' -> 'Cantonese (cn)'. A code with no
 * known name shows once ('qq'), not as 'qq (qq)'; blank gives ''.
 */
export function languageLabel(code: string | null | undefined): string {
  const text = (code ?? '').trim();
  const name = languageName(text);
  return name && name !== text ? `${name} (${text.toLowerCase()})` : text;
}

/**
 * Codes as choices for a picker, sorted by the name a person reads (Cantonese, English, French, ...), each code
 * once (lower case), blanks dropped.
 */
export function languageChoices(codes: Iterable<string>): { code: string; label: string }[] {
  const unique = new Set<string>();
  for (const code of codes) {
    const key = code.trim().toLowerCase();
    if (key) unique.add(key);
  }
  return [...unique]
    .map((code) => ({ code, name: languageName(code), label: languageLabel(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.code.localeCompare(b.code))
    .map(({ code, label }) => ({ code, label }));
}
