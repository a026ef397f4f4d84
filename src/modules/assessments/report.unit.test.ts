import { describe, expect, it } from 'vitest';
import { forStandardFont, scopeInWords } from './report.js';

describe('forStandardFont', () => {
  it('keeps what the standard fonts can draw and strips accents from the rest', () => {
    expect(forStandardFont('Hà Nội')).toBe('Hà Noi');
    expect(forStandardFont('Đà Nẵng')).toBe('Dà Nang');
    expect(forStandardFont('São Paulo – “quoted” €5')).toBe('São Paulo – “quoted” €5');
    expect(forStandardFont('ນະຄອນຫຼວງ')).toMatch(/^\?+$/);
  });
});

describe('scopeInWords', () => {
  it('says the scope as people read it', () => {
    expect(scopeInWords('city_administration', null)).toBe('The whole city administration');
    expect(scopeInWords('system', 'traffic')).toBe('One system: traffic management');
  });
});
