/**
 * Country names for the ISO 3166-1 alpha-2 codes films carry ('US' -> 'United States'), for every place an analyst
 * reads a production country: the film page, the scenario form, forecast reasons, importance charts and the PDF
 * report. The code stays what is stored, submitted and validated; only what is shown changes. Pure and shared by
 * main and the renderer (no DOM), like languages.ts: names come from the platform's Intl.DisplayNames, in English.
 */
import { platformName } from './displayNames';

/**
 * The 249 officially assigned ISO 3166-1 alpha-2 codes, what the form offers to pick from (with Kosovo's XK, which
 * TMDB uses). Written out rather than read from the platform, which also names retired codes under their
 * successors' names ('SU' Russia, 'DD' Germany) and private-use ones ('XA' Pseudo-Accents).
 */
export const COUNTRY_CODES: readonly string[] = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
  'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
  'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
  'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
  'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
  'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW'
).split(' ');

/**
 * Where the platform's name is not the one a film's country should read as. Retired codes TMDB still gives old films
 * keep their own country (the platform would call a Soviet film Russian: 'SU' -> Russia, 'DD' -> Germany, 'YU' and
 * 'CS' -> Serbia); TMDB's private-use codes for Czechoslovakia (XC), East Germany (XG) and Kosovo (XK); and shorter
 * names where the platform's carry a note ('Hong Kong SAR China', 'Myanmar (Burma)', which would read badly as a
 * label 'Myanmar (Burma) (MM)').
 */
const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  SU: 'Soviet Union',
  YU: 'Yugoslavia',
  CS: 'Serbia and Montenegro',
  DD: 'East Germany',
  XG: 'East Germany',
  XC: 'Czechoslovakia',
  AN: 'Netherlands Antilles',
  XK: 'Kosovo',
  HK: 'Hong Kong',
  MO: 'Macao',
  MM: 'Myanmar',
};

let knownCodes: Set<string> | undefined;

/**
 * True for a code a film's production country may carry: an assigned ISO 3166-1 code or one of the retired and
 * private-use codes TMDB gives (SU, XC, ...). Any case, surrounding spaces ignored. What the forecast contract accepts.
 */
export function isCountryCode(code: string): boolean {
  knownCodes ??= new Set([...COUNTRY_CODES, ...Object.keys(COUNTRY_NAMES)]);
  return knownCodes.has(code.trim().toUpperCase());
}

/** A bare country code: two letters; anything else (a name an import kept, 'Neverland') is shown as it is. */
const CODE = /^[a-z]{2}$/i;

/** Private-use codes (AA, QM-QZ, XA-XZ, ZZ): no standard meaning, so no platform name unless TMDB gave one above. */
const PRIVATE_USE = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;

/**
 * The English name of a country code: 'US' -> 'United States', 'GB' -> 'United Kingdom', 'CN' -> 'China', TMDB's
 * 'SU' -> 'Soviet Union'. Case and surrounding spaces do not matter ('us ' -> 'United States'); '&' in the
 * platform's names reads 'and' ('Bosnia and Herzegovina'). Never throws: a code nobody knows ('XX'), or text that is
 * not a code ('Atlantis', a name an import kept), comes back as it was given (trimmed); blank, null and undefined
 * give ''.
 */
export function countryName(code: string | null | undefined): string {
  const text = (code ?? '').trim();
  if (!CODE.test(text)) return text;
  const key = text.toUpperCase();
  const known = COUNTRY_NAMES[key];
  if (known) return known;
  if (PRIVATE_USE.test(key)) return text;
  const name = platformName('region', key);
  return name && name.toUpperCase() !== key ? name.replace(/ & /g, ' and ') : text;
}

/**
 * A country as a choice shows it, name and code: 'US' -> 'United States (US)', 'cn' -> 'China (CN)'. A code with no
 * known name shows once ('XX'), not as 'XX (XX)'; a name that is not a code as it is; blank gives ''.
 */
export function countryLabel(code: string | null | undefined): string {
  const text = (code ?? '').trim();
  const name = countryName(text);
  return name && name !== text ? `${name} (${text.toUpperCase()})` : text;
}

/**
 * Codes as choices for a picker, sorted by the name a person reads (China, France, United Kingdom, ...), each code
 * once (upper case), blanks dropped.
 */
export function countryChoices(codes: Iterable<string>): { code: string; name: string; label: string }[] {
  const unique = new Set<string>();
  for (const code of codes) {
    const key = code.trim().toUpperCase();
    if (key) unique.add(key);
  }
  return [...unique]
    .map((code) => ({ code, name: countryName(code), label: countryLabel(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.code.localeCompare(b.code));
}

/** Lower case, accents and punctuation dropped, '&' as 'and', a leading 'the' dropped: how typed names are matched. */
function nameKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

/**
 * Names people type that are not the platform's: TMDB's own ('United States of America', 'Czech Republic', 'Turkey'),
 * the platform's longer ones, and everyday ones ('USA', 'UK', 'Britain', 'Holland').
 */
const OTHER_NAMES: Readonly<Record<string, string>> = {
  USA: 'US',
  America: 'US',
  'United States of America': 'US',
  UK: 'GB',
  Britain: 'GB',
  'Great Britain': 'GB',
  England: 'GB',
  Holland: 'NL',
  'Czech Republic': 'CZ',
  Turkey: 'TR',
  'Hong Kong SAR China': 'HK',
  'Macao SAR China': 'MO',
  Macau: 'MO',
  Burma: 'MM',
  'Myanmar (Burma)': 'MM',
  'Libyan Arab Jamahiriya': 'LY',
  'Kyrgyz Republic': 'KG',
};

let byName: Map<string, string> | undefined;

/** Every name a code answers to (its name, its code, the names above), keyed by nameKey; made once. */
function namesIndex(): Map<string, string> {
  if (!byName) {
    byName = new Map();
    for (const [name, code] of Object.entries(OTHER_NAMES)) byName.set(nameKey(name), code);
    for (const code of [...COUNTRY_CODES, ...Object.keys(COUNTRY_NAMES)]) {
      const name = countryName(code);
      if (name !== code && !byName.has(nameKey(name))) byName.set(nameKey(name), code);
    }
  }
  return byName;
}

/**
 * The code for what an analyst typed or picked: a code ('us', ' GB ' -> 'US', 'GB'), a name in any case or accent
 * ('united kingdom', 'Cote d'Ivoire', 'USA' -> 'GB', 'CI', 'US'), or a picker's label ('China (CN)' -> 'CN').
 * 'UK' is read as GB, the code the data use. Null for blank, a name nobody knows ('Atlantis') or a code no country
 * has ('XX'), which the forecast contract would refuse. Never throws.
 */
export function countryCode(text: string | null | undefined): string | null {
  const typed = (text ?? '').trim();
  if (!typed) return null;
  const labelled = /\(([a-z]{2})\)$/i.exec(typed);
  if (labelled) return isCountryCode(labelled[1]) ? labelled[1].toUpperCase() : null;
  if (CODE.test(typed)) {
    const code = typed.toUpperCase() === 'UK' ? 'GB' : typed.toUpperCase();
    return isCountryCode(code) ? code : null;
  }
  return namesIndex().get(nameKey(typed)) ?? null;
}
