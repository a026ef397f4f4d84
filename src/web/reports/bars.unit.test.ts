import { describe, expect, it } from 'vitest';
import { barLengths, clip } from './bars.js';

describe('barLengths', () => {
  it('scales to the largest value', () => {
    expect(barLengths([10, 5, 0], 200)).toEqual([200, 100, 0]);
  });
  it('keeps a small value visible and draws nothing for zero, negatives and non-numbers', () => {
    expect(barLengths([1000, 1, 0, -4, Number.NaN], 100)).toEqual([100, 2, 0, 0, 0]);
  });
  it('draws nothing when every value is zero or the list is empty', () => {
    expect(barLengths([0, 0], 100)).toEqual([0, 0]);
    expect(barLengths([], 100)).toEqual([]);
  });
});

describe('clip', () => {
  it('cuts long labels with an ellipsis', () => {
    expect(clip('Under procurement', 8)).toBe('Under p…');
    expect(clip('Water', 8)).toBe('Water');
  });
});
