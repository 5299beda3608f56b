/**
 * The platform's English names for codes (Intl.DisplayNames, in Node 22 and Chromium alike), shared by the language
 * and country names (languages.ts, countries.ts). One instance per kind, made on first use; where the platform has
 * none, or it refuses a code, the answer is undefined and the caller shows the code.
 */
type Kind = 'language' | 'region';

const instances = new Map<Kind, Intl.DisplayNames | null>();

function namesFor(kind: Kind): Intl.DisplayNames | null {
  let names = instances.get(kind);
  if (names === undefined) {
    try {
      // fallback 'none': an unknown code gives undefined rather than itself, so the caller decides what shows.
      names = new Intl.DisplayNames(['en'], { type: kind, fallback: 'none' });
    } catch {
      names = null;
    }
    instances.set(kind, names);
  }
  return names;
}

/** The platform's English name for a code of this kind, or undefined when it has none. Never throws. */
export function platformName(kind: Kind, code: string): string | undefined {
  try {
    return namesFor(kind)?.of(code) ?? undefined;
  } catch {
    return undefined;
  }
}
