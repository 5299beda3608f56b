import { describe, expect, it } from 'vitest';
import { csvField, csvLine, neutraliseFormula } from '../../../src-main/core/forecast/csv-out';

describe('CSV output', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutraliseFormula(evil)).toBe(`'${evil}`);
    }
    expect(neutraliseFormula('Avatar')).toBe('Avatar');
    expect(neutraliseFormula('')).toBe('');
  });

  it('quotes delimiters, quotes and line breaks, and leaves numbers as numbers', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
    expect(csvField(-0.25)).toBe('-0.25');
    expect(csvField(NaN)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(['Action', 'Drama'])).toBe('Action|Drama');
    expect(csvLine(['x', 1, true])).toBe('x,1,true\n');
  });
});
