import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, isVersion } from './compare.js';

describe('compareVersions: vendor schemes', () => {
  const cases: [string, string, ReturnType<typeof compareVersions>][] = [
    ['V2.2', 'v2.2', 0],
    ['V2.2', '2.2', 0],
    ['v2.2', '2.10', -1],
    ['rev. 1.2.6', '1.2.5', 1],
    ['1.2', '1.2.0', 0],
    ['1.2', '1.2.0.0', 0],
    ['1.2', '1.2.1', -1],
    ['1.10', '1.9', 1],
    ['4.17.9e', '4.17.9d', 1],
    ['4.17.9d', '4.17.9', 1],
    ['4.17.9e', '4.17.10', -1],
    ['1.0(2)SE', '1.0(1)SE', 1],
    ['12.2(55)SE10', '12.2(55)SE9', 1],
    ['12.2(55)SE10', '12.2(58)SE', -1],
    ['12.2(55)SE', '12.2(55)SE1', -1],
    ['15.0(2)SE', '12.2(55)SE10', 1],
    ['4.3.5618', '4.3.5617', 1],
    ['4.3.5618', '4.3.10000', -1],
    ['2.1.0-build123', '2.1.0', 1],
    ['2.1.0-build123', '2.1.0-build99', 1],
    ['2.1.0-build123', '2.1.1', -1],
    ['1.0.0+meta', '1.0.0', 0],
    ['1.0.0+meta.1', '1.0.0+other', 0],
    ['1.0.0-rc1', '1.0.0', -1],
    ['1.0.0-rc1', '1.0.0-rc2', -1],
    ['1.0.0-beta', '1.0.0-rc1', -1],
    ['1.0.0-alpha', '1.0.0-beta', -1],
    ['1.0.0-rc1', '0.9.9', 1],
    ['2023.10.01', '2023.10.1', 0],
    ['2023.10.01', '2023.9.30', 1],
    ['2024.01.15', '2023.12.31', 1],
    ['5.2.0 build 140721', '5.4.0  Build 160414', -1],
    ['5.4.0 build 160414', '5.4.0 Build 160401', 1],
    ['3.8u4', '3.8', 1],
    ['1.00-06', '1.0.6', 0],
    ['99999999999999999999.1', '99999999999999999998.9', 1],
    ['R2023a', 'R2022b', 1],
    ['R2023a', 'R2023b', -1],
    ['D7.0.88', 'D7.0.9', 1],
  ];
  it.each(cases)('%s vs %s → %s', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(expected === 'unknown' ? 'unknown' : expected === 0 ? 0 : -expected);
  });

  it.each([
    ['1.2.3', 'R2023a'],
    ['all versions', '1.0'],
    ['all versions', 'all versions'],
    ['D7.0.88', '7.0.88'],
    ['D7.0.88', 'G7.0.88'],
    ['1.2.x', '1.2.3'],
    ['3.8u4 (JACE 3e JACE 6e JACE 7 JACE-8000)', '3.8u4'],
    ['', '1.0'],
    ['1.0; rm -rf', '1.0'],
    ['4.0 to 4.2', '4.0'],
  ])('%s vs %s is unknown, both ways', (a, b) => {
    expect(compareVersions(a, b)).toBe('unknown');
    expect(compareVersions(b, a)).toBe('unknown');
  });

  it('recognises versions', () => {
    expect(isVersion('V4.3.5618')).toBe(true);
    expect(isVersion('G-Series')).toBe(false);
    expect(isVersion('*')).toBe(false);
  });
});

const num = fc.integer({ min: 0, max: 30 }).map(String);
const suffix = fc.constantFrom('', 'a', 'd', 'e', '-rc1', '-rc2', '-beta', '-alpha.1', '-build7', '-build12', '+meta', 'u4', '(2)SE', '(55)SE10', ' build 140721');
const prefix = fc.constantFrom('', 'v', 'V', 'R', 'G');
const version = fc
  .tuple(prefix, fc.array(num, { minLength: 1, maxLength: 4 }), suffix)
  .map(([p, parts, s]) => `${p}${parts.join('.')}${s}`);

describe('compareVersions: properties', () => {
  it('is reflexive', () => {
    fc.assert(fc.property(version, (a) => compareVersions(a, a) === 0));
  });
  it('is antisymmetric (unknown both ways)', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        const x = compareVersions(a, b);
        const y = compareVersions(b, a);
        return x === 'unknown' ? y === 'unknown' : y !== 'unknown' && x === (y === 0 ? 0 : -y);
      }),
    );
  });
  it('is transitive where comparable', () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        const ab = compareVersions(a, b);
        const bc = compareVersions(b, c);
        const ac = compareVersions(a, c);
        if (ab === 'unknown' || bc === 'unknown') return true;
        if (ab <= 0 && bc <= 0) return ac !== 'unknown' && ac <= 0 && (ab < 0 || bc < 0 ? ac < 0 : true);
        if (ab >= 0 && bc >= 0) return ac !== 'unknown' && ac >= 0 && (ab > 0 || bc > 0 ? ac > 0 : true);
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});
