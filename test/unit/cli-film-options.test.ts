import { describe, expect, it } from 'vitest';
import { filmInputFromOptions } from '../../src-main/cli/commands/predict';

describe('greenlight predict: film options', () => {
  it('takes production countries by code or by name and passes codes on', () => {
    const input = filmInputFromOptions({ budget: '90M', countries: 'US, france,UK, Japan' });
    expect(input.countries).toEqual(['US', 'FR', 'GB', 'JP']);
  });

  it('names the option when a country is neither a known code nor a known name', () => {
    expect(() => filmInputFromOptions({ budget: '90M', countries: 'Atlantis' })).toThrow(
      /--countries.*"Atlantis" is not a country we know/,
    );
    expect(() => filmInputFromOptions({ budget: '90M', countries: 'US,XX' })).toThrow(
      /--countries.*"XX" is not a country we know/,
    );
  });
});
