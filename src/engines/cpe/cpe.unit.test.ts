import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ANY,
  ATTRIBUTES,
  NA,
  compareAttributes,
  compareNames,
  formatCpe,
  isSuperset,
  matchesCriterion,
  parseCpe,
  suggestCpe,
  valueText,
  type Cpe,
  type CpeValue,
} from './cpe.js';

const s = (value: string): CpeValue => ({ kind: 'string', value });
function parsed(fs: string): Cpe {
  const result = parseCpe(fs);
  if (!result.ok) throw new Error(result.error);
  return result.cpe;
}
function errorOf(fs: string): string {
  const result = parseCpe(fs);
  if (result.ok) throw new Error(`expected ${fs} to be rejected`);
  return result.error;
}

describe('parseCpe / formatCpe (NISTIR 7695 formatted string)', () => {
  it('unbinds values into WFN form and binds them back', () => {
    const fs = 'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*';
    const cpe = parsed(fs);
    expect(cpe.part).toEqual(s('a'));
    expect(cpe.vendor).toEqual(s('hp'));
    expect(cpe.product).toEqual(s('insight_diagnostics'));
    expect(cpe.version).toEqual(s('7\\.4\\.0\\.1570'));
    expect(cpe.update).toEqual(NA);
    expect(cpe.edition).toEqual(ANY);
    expect(cpe.sw_edition).toEqual(s('online'));
    expect(cpe.target_sw).toEqual(s('win2003'));
    expect(cpe.target_hw).toEqual(s('x64'));
    expect(cpe.other).toEqual(ANY);
    expect(formatCpe(cpe)).toBe(fs);
  });

  it('splits only on unquoted colons and keeps quoted punctuation', () => {
    const fs = 'cpe:2.3:a:foo\\\\bar:big\\$money_2010:1\\:2:*:*:en-us:*:*:*:\\*';
    const cpe = parsed(fs);
    expect(cpe.vendor).toEqual(s('foo\\\\bar'));
    expect(valueText(cpe.vendor)).toBe('foo\\bar');
    expect(cpe.product).toEqual(s('big\\$money_2010'));
    expect(cpe.version).toEqual(s('1\\:2'));
    expect(valueText(cpe.version)).toBe('1:2');
    expect(cpe.language).toEqual(s('en\\-us'));
    expect(cpe.other).toEqual(s('\\*'));
    expect(formatCpe(cpe)).toBe(fs);
  });

  it('accepts a needless quote of ".", "-" or "_" and formats it bare, as 7695 binding does', () => {
    const cpe = parsed('cpe:2.3:a:foo\\.bar:my\\-app\\_x:1\\.0:*:*:*:*:*:*:*');
    expect(cpe.vendor).toEqual(s('foo\\.bar'));
    expect(cpe.product).toEqual(s('my\\-app_x'));
    expect(formatCpe(cpe)).toBe('cpe:2.3:a:foo.bar:my-app_x:1.0:*:*:*:*:*:*:*');
  });

  it('keeps wildcards at the ends and a quoted lone hyphen as a string', () => {
    const cpe = parsed('cpe:2.3:a:*soft:??ffice*:9.*:?sp1:\\-:*:*:*:*:*');
    expect(cpe.vendor).toEqual(s('*soft'));
    expect(cpe.product).toEqual(s('??ffice*'));
    expect(cpe.version).toEqual(s('9\\.*'));
    expect(cpe.edition).toEqual(s('\\-'));
    expect(formatCpe(cpe)).toBe('cpe:2.3:a:*soft:??ffice*:9.*:?sp1:\\-:*:*:*:*:*');
    expect(parsed('cpe:2.3:a:x:y:??:*:*:*:*:*:*:*').version).toEqual(s('??'));
  });

  it.each([
    ['cpe:/a:microsoft:ie:5.5', 'CPE 2.2 URI'],
    ['CPE:2.3:a:x:y:*:*:*:*:*:*:*:*', "must begin with 'cpe:2.3:'"],
    ['cpe:2.3:a:microsoft:windows', 'expected 11 components after \'cpe:2.3:\' (part through other), found 3'],
    ['cpe:2.3:a:x:y:*:*:*:*:*:*:*:*:*', 'found 12'],
    ['cpe:2.3:x:microsoft:windows:*:*:*:*:*:*:*:*', "part 'x' must be a (application), o (operating system), h (hardware), * or -"],
    ['cpe:2.3:a::windows:*:*:*:*:*:*:*:*', "vendor '' is empty (use * for ANY or - for NA)"],
    ['cpe:2.3:a:micro*soft:windows:*:*:*:*:*:*:*:*', "vendor 'micro*soft' has an unquoted '*' inside the value"],
    ['cpe:2.3:a:x:win?dows:*:*:*:*:*:*:*:*', "product 'win?dows' has an unquoted '?' inside the value"],
    ['cpe:2.3:a:x:**foo:*:*:*:*:*:*:*:*', "product '**foo' repeats the wildcard '*'"],
    ['cpe:2.3:a:x:foobar*?:*:*:*:*:*:*:*:*', "product 'foobar*?' puts '*' next to '?'"],
    ['cpe:2.3:a:x:*?:*:*:*:*:*:*:*:*', "product '*?' mixes the wildcards"],
    ['cpe:2.3:a:x:y:*:*:*:*:*:*:*:foo\\', "other 'foo\\' ends with a lone backslash"],
    ['cpe:2.3:a:x:y:1\\a:*:*:*:*:*:*:*', "version '1\\a' has an invalid escape '\\a'"],
    ['cpe:2.3:a:x:y!:*:*:*:*:*:*:*:*', "product 'y!' contains '!', which must be quoted as '\\!'"],
    ['cpe:2.3:a:x:my app:*:*:*:*:*:*:*:*', "product 'my app' contains the character U+0020"],
    ['cpe:2.3:a:caf\u00e9:y:*:*:*:*:*:*:*:*', 'vendor \'caf\u00e9\' contains the character U+00E9'],
    ['cpe:2.3:a:x:y:*:*:*:english:*:*:*:*', "language 'english' must be an RFC 5646 tag"],
  ])('rejects %s', (fs, message) => {
    expect(errorOf(fs)).toContain(message);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (tail) => {
        const result = parseCpe(`cpe:2.3:${tail}`);
        if (result.ok) expect(parseCpe(formatCpe(result.cpe))).toEqual(result);
      }),
    );
    expect(parseCpe(42 as unknown as string).ok).toBe(false);
  });
});

describe('NVD sample feeds', () => {
  // The NVD API responses copied into the project (data/reference/vulnerability-feeds, see its SOURCES.md).
  const dir = fileURLToPath(new URL('../../../data/reference/vulnerability-feeds/nvd', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const criteria = (node: unknown, out: string[] = []): string[] => {
    if (Array.isArray(node)) node.forEach((n) => criteria(n, out));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'criteria' && typeof value === 'string') out.push(value);
        else criteria(value, out);
      }
    }
    return out;
  };
  it.skipIf(files.length === 0)('parses and round-trips every criteria string of every configuration', () => {
    let count = 0;
    for (const file of files) {
      for (const c of criteria(JSON.parse(readFileSync(join(dir, file), 'utf8')))) {
        const result = parseCpe(c);
        expect(result, `${file}: ${c}`).toMatchObject({ ok: true });
        if (result.ok) expect(formatCpe(result.cpe)).toBe(c);
        count++;
      }
    }
    expect(count).toBeGreaterThan(300);
  });
  it('matches an NVD criterion against inventory CPEs', () => {
    const criterion = 'cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_8:*:*:*:*:*:*';
    expect(matchesCriterion(criterion, 'cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_8:*:*:*:*:*:*')).toEqual({ ok: true, match: true });
    expect(matchesCriterion(criterion, 'cpe:2.3:a:Microsoft:Exchange_Server:2019:cumulative_update_8:-:*:*:*:x64:*')).toEqual({ ok: true, match: true });
    expect(matchesCriterion(criterion, 'cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_9:*:*:*:*:*:*')).toEqual({ ok: true, match: false });
    expect(matchesCriterion('cpe:2.3:a:optimism:eth-optimism\\/l2geth:*:*:*:*:*:*:*:*', 'cpe:2.3:a:optimism:eth-optimism\\/l2geth:1.0:*:*:*:*:*:*:*')).toEqual({ ok: true, match: true });
    expect(matchesCriterion('cpe:2.3:a:x', 'cpe:2.3:a:x:y:*:*:*:*:*:*:*:*')).toMatchObject({ ok: false, error: expect.stringContaining('criterion: expected 11') });
    expect(matchesCriterion(criterion, 'nonsense')).toMatchObject({ ok: false, error: expect.stringContaining('inventory:') });
  });
});

describe('compareAttributes (NISTIR 7696 Table 6-2)', () => {
  const i = s('foo');
  const k = s('bar');
  const wild = s('*b??');
  it.each([
    [1, ANY, ANY, 'EQUAL'],
    [2, ANY, NA, 'SUPERSET'],
    [3, ANY, i, 'SUPERSET'],
    [4, ANY, wild, 'UNDEFINED'],
    [5, NA, ANY, 'SUBSET'],
    [6, NA, NA, 'EQUAL'],
    [7, NA, i, 'DISJOINT'],
    [8, NA, wild, 'UNDEFINED'],
    [9, i, s('foo'), 'EQUAL'],
    [10, i, k, 'DISJOINT'],
    [11, i, wild, 'UNDEFINED'],
    [12, i, NA, 'DISJOINT'],
    [13, i, ANY, 'SUBSET'],
    [14, s('9\\.*'), s('9\\.3'), 'SUPERSET'],
    [14, s('9\\.*'), s('8\\.3'), 'DISJOINT'],
    [15, wild, ANY, 'SUBSET'],
    [16, wild, NA, 'DISJOINT'],
    [17, wild, s('*bar'), 'UNDEFINED'],
  ] as const)('line %i', (_line, source, target, relation) => {
    expect(compareAttributes(source, target)).toBe(relation);
  });

  it('compares string literals case-insensitively', () => {
    expect(compareAttributes(s('Microsoft'), s('microsoft'))).toBe('EQUAL');
    expect(compareAttributes(s('WIN*'), s('windows'))).toBe('SUPERSET');
  });

  it('treats quoted * and ? as literals and unquoted ones as wildcards in the target', () => {
    expect(compareAttributes(s('foo\\*'), s('foo\\*'))).toBe('EQUAL');
    expect(compareAttributes(s('foo\\*'), s('foox'))).toBe('DISJOINT');
    expect(compareAttributes(s('foo*'), s('foo\\*'))).toBe('SUPERSET');
    expect(compareAttributes(s('foo'), s('foo?'))).toBe('UNDEFINED');
  });

  it.each([
    ['*', 'anything', 'SUPERSET'],
    ['*b??', 'bar', 'SUPERSET'],
    ['*b??', 'fooba', 'SUPERSET'],
    ['*b??', 'b', 'SUPERSET'],
    ['*b??', 'barx1', 'DISJOINT'],
    ['?oo', 'foo', 'SUPERSET'],
    ['?oo', 'oo', 'SUPERSET'],
    ['?oo', 'fooo', 'DISJOINT'],
    ['??oo', 'fooo', 'SUPERSET'],
    ['foo?', 'foo', 'SUPERSET'],
    ['foo?', 'food', 'SUPERSET'],
    ['foo?', 'foods', 'DISJOINT'],
    ['foo*', 'foods', 'SUPERSET'],
    ['foo*', 'xfoo', 'DISJOINT'],
    ['*foo', 'xfoo', 'SUPERSET'],
    ['*foo', 'foox', 'DISJOINT'],
    ['*foo*', 'xfoox', 'SUPERSET'],
    ['?foo?', 'afoob', 'SUPERSET'],
    ['?foo?', 'abfoo', 'DISJOINT'],
    ['??', 'ab', 'SUPERSET'],
    ['??', 'abc', 'DISJOINT'],
    ['1\\.*', '1\\.2\\.3', 'SUPERSET'],
    ['1\\.*', '12', 'DISJOINT'],
    ['*\\\\', 'a\\\\', 'SUPERSET'],
    ['*\\\\', 'a\\*', 'DISJOINT'],
  ])('wildcard source %s against %s is %s (7696 §6.3)', (source, target, relation) => {
    expect(compareAttributes(s(source), s(target))).toBe(relation);
  });
});

describe('compareNames (NISTIR 7696 §6.2)', () => {
  it('a version ANY is a superset of a version NA (and the reverse a subset)', () => {
    const source = parsed('cpe:2.3:o:microsoft:windows_7:*:*:*:*:*:*:*:*');
    const target = parsed('cpe:2.3:o:microsoft:windows_7:-:*:*:*:*:*:*:*');
    const forward = compareNames(source, target);
    expect(forward.relation).toBe('CPE_SUPERSET');
    expect(forward.attributes.version).toBe('SUPERSET');
    expect(forward.attributes.vendor).toBe('EQUAL');
    expect(forward).toMatchObject({ superset: true, subset: false, equal: false, disjoint: false });
    expect(compareNames(target, source)).toMatchObject({ relation: 'CPE_SUBSET', subset: true, superset: false });
    expect(isSuperset(source, target)).toBe(true);
    expect(isSuperset(target, source)).toBe(false);
  });

  it('reproduces Table 6-3 (a DISJOINT edition makes the names DISJOINT)', () => {
    const source = parsed('cpe:2.3:a:adobe:*:9.*:*:palmos:*:*:*:*:*');
    const target = parsed('cpe:2.3:a:*:reader:9.3.2:-:-:*:*:*:*:*');
    const result = compareNames(source, target);
    expect([result.attributes.part, result.attributes.vendor, result.attributes.product, result.attributes.version, result.attributes.update, result.attributes.edition]).toEqual([
      'EQUAL',
      'SUBSET',
      'SUPERSET',
      'SUPERSET',
      'SUPERSET',
      'DISJOINT',
    ]);
    expect(result).toMatchObject({ relation: 'CPE_DISJOINT', disjoint: true, superset: false, subset: false });
  });

  it('Appendix B: a shorter name is a superset of a more specific one', () => {
    expect(isSuperset(parsed('cpe:2.3:o:microsoft:windows_2000:*:*:*:*:*:*:*:*'), parsed('cpe:2.3:o:microsoft:windows_2000:*:sp3:pro:*:*:*:*:*'))).toBe(true);
    expect(isSuperset(parsed('cpe:2.3:o:microsoft:windows_2000:*:*:*:*:*:*:*:*'), parsed('cpe:2.3:a:microsoft:ie:5.5:*:*:*:*:*:*:*'))).toBe(false);
  });

  it('gives EQUAL for identical names, UNDEFINED for wildcards in the target or mixed relations', () => {
    const name = parsed('cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*');
    expect(compareNames(name, name)).toMatchObject({ relation: 'CPE_EQUAL', equal: true, subset: true, superset: true, disjoint: false });
    const wild = parsed('cpe:2.3:a:hp:insight_diagnostics:7.4.*:*:*:*:*:*:*:*');
    expect(compareNames(wild, wild)).toMatchObject({ relation: 'CPE_UNDEFINED', equal: false, superset: false, subset: false, disjoint: false });
    expect(compareNames(wild, name).relation).toBe('CPE_SUPERSET');
    const mixed = compareNames(parsed('cpe:2.3:a:hp:*:1:*:*:*:*:*:*:*'), parsed('cpe:2.3:a:*:x:1:*:*:*:*:*:*:*'));
    expect(mixed).toMatchObject({ relation: 'CPE_UNDEFINED', superset: false, subset: false, disjoint: false });
  });
});

describe('suggestCpe', () => {
  it('lower-cases, turns spaces into underscores and quotes punctuation', () => {
    const result = suggestCpe({ vendor: ' Axis Communications ', product: 'AXIS P1455-LE', version: '10.12.1' });
    expect(result).toMatchObject({ ok: true, formatted: 'cpe:2.3:a:axis_communications:axis_p1455-le:10.12.1:*:*:*:*:*:*:*' });
    expect(suggestCpe({ part: 'h', vendor: 'Schneider Électric', product: 'Modicon M340 (BMX P34*)', version: '' })).toMatchObject({
      ok: true,
      formatted: 'cpe:2.3:h:schneider_electric:modicon_m340_\\(bmx_p34\\*\\):*:*:*:*:*:*:*:*',
    });
    expect(suggestCpe({ vendor: 'AT&T', product: 'foo:bar', update: 'SP 2' })).toMatchObject({ ok: true, formatted: 'cpe:2.3:a:at\\&t:foo\\:bar:*:sp_2:*:*:*:*:*:*' });
  });
  it('suggests names that parse back to the same CPE', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.string(), (vendor, product, version) => {
        const result = suggestCpe({ vendor, product, version });
        if (!result.ok) return;
        expect(parseCpe(result.formatted)).toEqual({ ok: true, cpe: result.cpe });
      }),
    );
  });
  it('explains what it cannot suggest', () => {
    expect(suggestCpe({ vendor: '  ', product: 'x' })).toEqual({ ok: false, error: 'vendor is required' });
    expect(suggestCpe({ vendor: 'x', product: '摄像机' })).toMatchObject({ ok: false, error: expect.stringContaining("product '摄像机' contains the character U+6444") });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_'.split(''));
const bodyChar = fc.oneof(
  { weight: 6, arbitrary: alnum },
  { weight: 2, arbitrary: fc.constantFrom('-', '.') },
  { weight: 1, arbitrary: fc.constantFrom(...'\\*?!"#$%&\'()+,/:;<=>@[]^`{|}~'.split('').map((c) => `\\${c}`)) },
);
const body = fc.array(bodyChar, { minLength: 1, maxLength: 8 }).map((cs) => cs.join('')).filter((b) => b !== '-');
const plainValue = fc.oneof({ weight: 1, arbitrary: fc.constantFrom('*', '-') }, { weight: 4, arbitrary: body });
const ends = fc.constantFrom('', '*', '?', '??');
const wildValue = fc.oneof(plainValue, fc.tuple(ends, body, ends).map(([a, b, c]) => a + b + c));
const fsName = (value: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.constantFrom('a', 'o', 'h', '*', '-'), fc.array(value, { minLength: 5, maxLength: 5 }), fc.constantFrom('*', '-', 'en', 'en-us', 'fr-ca'), fc.array(value, { minLength: 4, maxLength: 4 }))
    .map(([part, first, lang, rest]) => ['cpe', '2.3', part, ...first, lang, ...rest].join(':'));

describe('properties', () => {
  it('formatCpe(parseCpe(x)) === x for valid formatted strings', () => {
    fc.assert(
      fc.property(fsName(wildValue), (fs) => {
        expect(formatCpe(parsed(fs))).toBe(fs);
      }),
      { numRuns: 500 },
    );
  });
  it('a wildcard-free name is EQUAL to itself', () => {
    fc.assert(
      fc.property(fsName(plainValue), (fs) => {
        expect(compareNames(parsed(fs), parsed(fs)).relation).toBe('CPE_EQUAL');
      }),
    );
  });
  it('SUPERSET and SUBSET are mirror images (wildcard-free names)', () => {
    const small = fc.constantFrom('*', '-', 'foo', 'bar');
    const name = fc.array(small, { minLength: ATTRIBUTES.length - 1, maxLength: ATTRIBUTES.length - 1 }).chain((values) =>
      fc.constantFrom('a', '*').map((part) => parsed(['cpe', '2.3', part, ...values].join(':'))),
    );
    fc.assert(
      fc.property(name, name, (a, b) => {
        const ab = compareNames(a, b);
        const ba = compareNames(b, a);
        expect(ab.relation === 'CPE_SUPERSET').toBe(ba.relation === 'CPE_SUBSET');
        expect(ab.superset).toBe(ba.subset);
        expect(ab.equal).toBe(ba.equal);
        expect(ab.disjoint).toBe(ba.disjoint);
        for (const attribute of ATTRIBUTES) {
          const mirror = { SUPERSET: 'SUBSET', SUBSET: 'SUPERSET', EQUAL: 'EQUAL', DISJOINT: 'DISJOINT', UNDEFINED: 'UNDEFINED' } as const;
          expect(ba.attributes[attribute]).toBe(mirror[ab.attributes[attribute]]);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('a wildcard source is a superset of exactly the targets its pattern matches', () => {
    const lit = fc.array(fc.constantFrom('a', 'b', '.'), { minLength: 0, maxLength: 5 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.constantFrom('', '*', '?', '??'), lit.filter((b) => b.length > 0), fc.constantFrom('', '*', '?', '??'), lit.filter((t) => t.length > 0), (lead, text, trail, target) => {
        const quote = (x: string) => x.replace(/\./g, '\\.');
        const part = (w: string) => (w === '*' ? '.*' : w === '' ? '' : `.{0,${w.length}}`);
        const regex = new RegExp(`^${part(lead)}${text.replace(/\./g, '\\.')}${part(trail)}$`);
        const expected = lead + trail === '' ? (text === target ? 'EQUAL' : 'DISJOINT') : regex.test(target) ? 'SUPERSET' : 'DISJOINT';
        expect(compareAttributes(s(lead + quote(text) + trail), s(quote(target)))).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
