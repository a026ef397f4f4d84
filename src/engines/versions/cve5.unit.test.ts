import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateCve5Affected, type Cve5Affected } from './cve5.js';

describe('evaluateCve5Affected', () => {
  it('applies lessThan ranges and defaultStatus', () => {
    const e: Cve5Affected = { versions: [{ version: '1.0.0', status: 'affected', lessThan: '1.0.6', versionType: 'semver' }], defaultStatus: 'unaffected' };
    expect(evaluateCve5Affected(e, '1.0.0')).toBe('affected');
    expect(evaluateCve5Affected(e, '1.0.5')).toBe('affected');
    expect(evaluateCve5Affected(e, '1.0.6')).toBe('unaffected');
    expect(evaluateCve5Affected(e, '0.9')).toBe('unaffected');
  });

  it('applies lessThanOrEqual (schema example 1.0 to 1.3)', () => {
    const e: Cve5Affected = { versions: [{ version: '1.0', status: 'affected', lessThanOrEqual: '1.3', versionType: 'custom' }] };
    expect(evaluateCve5Affected(e, '1.3')).toBe('affected');
    expect(evaluateCve5Affected(e, '1.3.1')).toBe('unknown');
  });

  it('treats * as unbounded and 1.* as the whole branch', () => {
    const e: Cve5Affected = {
      versions: [
        { version: '2.0', status: 'affected', lessThan: '*', versionType: 'custom' },
        { version: '1.0', status: 'affected', lessThan: '1.*', versionType: 'custom' },
      ],
      defaultStatus: 'unaffected',
    };
    expect(evaluateCve5Affected(e, '5.1')).toBe('affected');
    expect(evaluateCve5Affected(e, '1.99.3')).toBe('affected');
    expect(evaluateCve5Affected(e, '0.9')).toBe('unaffected');
  });

  it('applies changes in version order, whatever their order in the list', () => {
    const e: Cve5Affected = {
      versions: [
        {
          version: '2.1.0',
          status: 'unaffected',
          lessThan: '2.1.*',
          versionType: 'semver',
          changes: [
            { at: '2.1.9', status: 'unaffected' },
            { at: '2.1.6', status: 'affected' },
          ],
        },
      ],
      defaultStatus: 'unaffected',
    };
    expect(evaluateCve5Affected(e, '2.1.5')).toBe('unaffected');
    expect(evaluateCve5Affected(e, '2.1.6')).toBe('affected');
    expect(evaluateCve5Affected(e, '2.1.8')).toBe('affected');
    expect(evaluateCve5Affected(e, '2.1.9')).toBe('unaffected');
    expect(evaluateCve5Affected(e, '2.2.0')).toBe('unaffected');
  });

  it('matches single versions, first entry wins, version 0 is the earliest', () => {
    const e: Cve5Affected = {
      versions: [
        { version: '3.2', status: 'unaffected' },
        { version: '0', status: 'affected', lessThan: '3.5', versionType: 'custom' },
      ],
    };
    expect(evaluateCve5Affected(e, '3.2')).toBe('unaffected');
    expect(evaluateCve5Affected(e, '3.2.0')).toBe('unaffected');
    expect(evaluateCve5Affected(e, '3.3')).toBe('affected');
    expect(evaluateCve5Affected(e, '3.5')).toBe('unknown');
  });

  it('answers unknown when it cannot compare, never guesses', () => {
    const e: Cve5Affected = { versions: [{ version: '1.0', status: 'affected', lessThan: '2.0', versionType: 'custom' }], defaultStatus: 'unaffected' };
    expect(evaluateCve5Affected(e, 'R2023a')).toBe('unknown');
    expect(evaluateCve5Affected(e, 'all versions')).toBe('unknown');
    expect(evaluateCve5Affected({ versions: [{ version: 'n/a', status: 'affected' }], defaultStatus: 'unaffected' }, '1.0')).toBe('unknown');
    expect(evaluateCve5Affected({ versions: [{ version: 'abc123', status: 'affected', lessThan: 'def456', versionType: 'git' }] }, '1.0')).toBe('unknown');
    expect(evaluateCve5Affected({ defaultStatus: 'affected' }, '1.0')).toBe('affected');
    expect(evaluateCve5Affected({ versions: [] }, '1.0')).toBe('unknown');
  });
});

/** The sample records copied into the project (data/reference/vulnerability-feeds, see its SOURCES.md). */
const CVE5_DIR = fileURLToPath(new URL('../../../data/reference/vulnerability-feeds/cve5', import.meta.url));
type Record5 = { containers: { cna: { affected?: Cve5Affected[] } } };
const load = (file: string) => (JSON.parse(readFileSync(`${CVE5_DIR}/${file}`, 'utf8')) as Record5).containers.cna.affected ?? [];

describe('CVE 5 samples', () => {
  it('basic example: 1.0.0 up to 1.0.6 affected', () => {
    const [entry] = load('CVEv5_basic-example.json');
    if (!entry) throw new Error('no affected entry');
    expect(['1.0.0', '1.0.5', '1.0.6', '0.9.9', '2.0'].map((v) => evaluateCve5Affected(entry, v))).toEqual(['affected', 'affected', 'unaffected', 'unaffected', 'unaffected']);
  });
  it('advanced example: ranges, 2.1.* with changes, 3.0.0 and up', () => {
    const [entry] = load('CVEv5_advanced-example.json');
    if (!entry) throw new Error('no affected entry');
    const versions = ['1.0.3', '1.0.6', '2.1.0', '2.1.6', '2.1.8', '2.1.9', '2.1.15', '2.2.0', '3.0.0', '7.1'];
    expect(versions.map((v) => evaluateCve5Affected(entry, v))).toEqual([
      'affected',
      'unaffected',
      'unaffected',
      'affected',
      'affected',
      'unaffected',
      'unaffected',
      'unaffected',
      'unaffected',
      'unaffected',
    ]);
  });
});
