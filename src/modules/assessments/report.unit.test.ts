import { describe, expect, it } from 'vitest';
import { scopeInWords } from './report.js';

describe('scopeInWords', () => {
  it('says the scope as people read it', () => {
    expect(scopeInWords('city_administration', null)).toBe('The whole city administration');
    expect(scopeInWords('system', 'traffic')).toBe('One system: traffic management');
  });
});
