/**
 * Budgets in fixed (2017) dollars, so a $20M film of 1985 and one of 2015 read as the studios' different
 * bets they were. US consumer prices (CPI-U, annual averages, 1982-84 = 100) as published by the Bureau of
 * Labor Statistics; a fixed table, so a model encodes the same everywhere and forever. Years outside the
 * table take its nearest end (no extrapolation).
 */
const FIRST_YEAR = 1913;
// prettier-ignore
const CPI_U: readonly number[] = [
  9.9, 10.0, 10.1, 10.9, 12.8, 15.1, 17.3, 20.0, 17.9, 16.8, // 1913-1922
  17.1, 17.1, 17.5, 17.7, 17.4, 17.1, 17.1, 16.7, 15.2, 13.7, // 1923-1932
  13.0, 13.4, 13.7, 13.9, 14.4, 14.1, 13.9, 14.0, 14.7, 16.3, // 1933-1942
  17.3, 17.6, 18.0, 19.5, 22.3, 24.1, 23.8, 24.1, 26.0, 26.5, // 1943-1952
  26.7, 26.9, 26.8, 27.2, 28.1, 28.9, 29.1, 29.6, 29.9, 30.2, // 1953-1962
  30.6, 31.0, 31.5, 32.4, 33.4, 34.8, 36.7, 38.8, 40.5, 41.8, // 1963-1972
  44.4, 49.3, 53.8, 56.9, 60.6, 65.2, 72.6, 82.4, 90.9, 96.5, // 1973-1982
  99.6, 103.9, 107.6, 109.6, 113.6, 118.3, 124.0, 130.7, 136.2, 140.3, // 1983-1992
  144.5, 148.2, 152.4, 156.9, 160.5, 163.0, 166.6, 172.2, 177.1, 179.9, // 1993-2002
  184.0, 188.9, 195.3, 201.6, 207.3, 215.3, 214.5, 218.1, 224.9, 229.6, // 2003-2012
  233.0, 236.7, 237.0, 240.0, 245.1, 251.1, 255.7, 258.8, 271.0, 292.7, // 2013-2022
  304.7, 313.7, // 2023-2024
];
/** The year whose dollars budgets are expressed in (the last year of the embedded TMDB data). */
export const FIXED_DOLLAR_YEAR = 2017;

export function consumerPriceIndex(year: number): number {
  const i = Math.min(CPI_U.length - 1, Math.max(0, Math.round(year) - FIRST_YEAR));
  return CPI_U[i];
}

/** `amount` dollars of `year` in FIXED_DOLLAR_YEAR dollars. */
export function inFixedDollars(amount: number, year: number): number {
  return (amount * consumerPriceIndex(FIXED_DOLLAR_YEAR)) / consumerPriceIndex(year);
}
