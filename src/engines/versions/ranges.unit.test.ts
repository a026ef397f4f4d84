import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateRange, nvdRange, parseRange } from './ranges.js';

const check = (text: string, version: string) => evaluateRange(parseRange(text), version);

describe('parseRange and evaluateRange', () => {
  it.each([
    ['vers:generic/>=1.0|<2.0', '1.5', 'affected'],
    ['vers:generic/>=1.0|<2.0', '2.0', 'not_affected'],
    ['vers:generic/>=1.0|<2.0', '0.9', 'not_affected'],
    ['vers:intdot/<4.3.5618', '4.3.5617', 'affected'],
    ['vers:intdot/<4.3.5618', '4.3.5618', 'not_affected'],
    ['vers:all/*', 'anything at all', 'affected'],
    ['vers:all/<V13.2', 'V13.1', 'affected'],
    ['vers:generic/1.0|1.2|>=3.0', '1.2', 'affected'],
    ['vers:generic/1.0|1.2|>=3.0', '1.1', 'not_affected'],
    ['vers:generic/1.0|1.2|>=3.0', '3.5', 'affected'],
    ['vers:generic/>=1.0|<2.0|>=3.0|<4.0', '2.5', 'not_affected'],
    ['vers:generic/>=1.0|<2.0|>=3.0|<4.0', '3.5', 'affected'],
    ['vers:generic/!=1.5', '1.5', 'not_affected'],
    ['vers:generic/!=1.5', '1.6', 'affected'],
    ['<V4.3.5618', '4.3.5617', 'affected'],
    ['<V4.3.5618', 'V4.3.5618', 'not_affected'],
    ['<=4.17.9e', '4.17.9e', 'affected'],
    ['<=4.17.9e', '4.17.9f', 'not_affected'],
    ['<=4.17.9e', '4.17.9', 'affected'],
    ['>=13.4.1|<=13.4.4', '13.4.4', 'affected'],
    ['>=13.4.1|<=13.4.4', '13.4.5', 'not_affected'],
    ['>=13.4.1|<=13.4.4', '13.4.0', 'not_affected'],
    ['vers:intdot/>=1.0|<1.5', '1.4.9', 'affected'],
    ['All versions', '9.9', 'affected'],
    ['all versions prior to 2.3', '2.2.9', 'affected'],
    ['all versions prior to 2.3', '2.3', 'not_affected'],
    ['versions prior to V3.5', 'V3.4', 'affected'],
    ['versions prior to V3.5', 'V3.5', 'not_affected'],
    ['<= 1.2.3 and >= 1.0', '1.1', 'affected'],
    ['<= 1.2.3 and >= 1.0', '0.9', 'not_affected'],
    ['<= 1.2.3 and >= 1.0', '1.2.4', 'not_affected'],
    ['V4.0 to V4.2', '4.2', 'affected'],
    ['V4.0 to V4.2', '4.2.1', 'not_affected'],
    ['V4.0 to V4.2', '3.9', 'not_affected'],
    ['before 5.1', '5.0.9', 'affected'],
    ['before 5.1', '5.1', 'not_affected'],
    ['4.0 and later', '4.1', 'affected'],
    ['4.0 and later', '3.9', 'not_affected'],
    ['1.0, 1.1, 1.3', '1.1', 'affected'],
    ['1.0, 1.1, 1.3', '1.2', 'not_affected'],
    ['<1.5, 2.0', '2.0', 'affected'],
    ['>=  5.2.0 build 140721 | <= 5.4.0  Build 160414', '5.3.0 build 150101', 'affected'],
    ['>=  5.2.0 build 140721 | <= 5.4.0  Build 160414', '5.4.0 build 160415', 'not_affected'],
    ['<  rev. 1.2.6', '1.2.5', 'affected'],
    ['<1.2.3', 'R2023a', 'unknown'],
    ['<1.2.3', 'all versions', 'unknown'],
    ['<4.x', '3.0', 'review'],
    ['Firmware shipped with the 2019 model', '1.0', 'review'],
  ])('%s with %s → %s', (range, version, expected) => {
    expect(check(range, version)).toBe(expected);
  });

  it('never answers not_affected for an unparsed range', () => {
    for (const text of ['see vendor advisory', '<4.x', 'G-Series', '']) {
      expect(parseRange(text).kind).toBe('unparsed');
      expect(evaluateRange(parseRange(text), '1.0')).toBe('review');
    }
  });
});

describe('nvdRange', () => {
  it('applies start and end bounds', () => {
    const r = nvdRange({ versionStartIncluding: '2.0', versionEndExcluding: '2.4.1' });
    expect(evaluateRange(r, '2.0')).toBe('affected');
    expect(evaluateRange(r, '2.4.0')).toBe('affected');
    expect(evaluateRange(r, '2.4.1')).toBe('not_affected');
    expect(evaluateRange(r, '1.9')).toBe('not_affected');
    const excl = nvdRange({ versionStartExcluding: '2.0', versionEndIncluding: '2.4.1' });
    expect(evaluateRange(excl, '2.0')).toBe('not_affected');
    expect(evaluateRange(excl, '2.4.1')).toBe('affected');
    expect(evaluateRange(nvdRange({ versionEndExcluding: '3.0' }), '0.1')).toBe('affected');
    expect(evaluateRange(nvdRange({}), '7')).toBe('affected');
    expect(evaluateRange(nvdRange({ versionEndExcluding: 'n/a' }), '7')).toBe('review');
  });
});

/** The CISA advisories copied into the project (data/reference/vulnerability-feeds, see its SOURCES.md). */
const CSAF_DIR = fileURLToPath(new URL('../../../data/reference/vulnerability-feeds/csaf', import.meta.url));

/** Range and version strings of the CSAF product trees. */
function csafStrings(): Set<string> {
  const out = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const branch = node as Record<string, unknown>;
      if ((branch.category === 'product_version_range' || branch.category === 'product_version') && typeof branch.name === 'string') out.add(branch.name);
      Object.values(branch).forEach(walk);
    }
  };
  for (const file of readdirSync(CSAF_DIR).filter((f) => f.endsWith('.json'))) {
    walk((JSON.parse(readFileSync(join(CSAF_DIR, file), 'utf8')) as { product_tree?: unknown }).product_tree);
  }
  return out;
}

describe('CSAF samples', () => {
  // The real strings the parser leaves to a human: product names in product_version, a version with a
  // product list attached, and `<4.x` (below the 4 series? below 4.x.latest?), which it will not guess.
  const expectedUnparsed = [
    '3.8u4 (JACE 3e JACE 6e JACE 7 JACE-8000)',
    '4.4u3 (JACE 3e JACE 6e JACE 7 JACE-8000)',
    '4.7u1 (JACE-8000 Edge 10)',
    '<4.x',
    'G-Series',
    'Legacy ELP-Series',
    'Legacy LC-Series',
    'Linux based C-Series Workstations',
    'Linux based Z-Series and A-Series',
    'Q-Series',
    'S-Series Storage Servers',
    'exacqVision Network Video Recorders (NVR)',
  ].sort();

  it('parses every real range string, but for a small known set', () => {
    const strings = csafStrings();
    expect(strings.size).toBeGreaterThan(40);
    const unparsed = [...strings].filter((s) => parseRange(s).kind === 'unparsed').sort();
    expect(unparsed).toEqual(expectedUnparsed);
    for (const s of strings) {
      const range = parseRange(s);
      expect(['all', 'constraints', 'and', 'unparsed']).toContain(range.kind);
      if (range.kind === 'unparsed') expect(evaluateRange(range, '1.0')).toBe('review');
    }
  });

  it('evaluates real strings', () => {
    expect(check('<= 1.50.598', '1.50.598')).toBe('affected');
    expect(check('>= 1.46 | <= 1.50.598', '1.45')).toBe('not_affected');
    expect(check('<=1.00-06', '1.00-07')).toBe('not_affected');
    expect(check('<=3.1.171.9', '3.1.171.10')).toBe('not_affected');
    expect(check('< V2.0', 'V1.9')).toBe('affected');
    expect(check('>=G4', 'G5')).toBe('affected');
    expect(check('>=G4', '5')).toBe('unknown');
    expect(check('vers:all/<V2.2', 'V2.2')).toBe('not_affected');
    expect(check('D7.0.88', 'D7.0.88')).toBe('affected');
  });
});
