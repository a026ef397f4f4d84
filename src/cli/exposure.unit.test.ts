import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-exposure-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const feeds = 'data/reference/vulnerability-feeds';

function write(name: string, value: unknown) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}
/** Runs `node bin/mitra.js exposure match …` with no database settings. */
async function mitra(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/mitra.js', 'exposure', 'match', ...args], { env: { PATH: process.env.PATH ?? '' }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const inventory = {
  assets: [
    { id: 'mail-1', cpes: ['cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_8:*:*:*:*:*:*'] },
    { id: 'signal-7', vendor: 'Econolite', product: 'EOS', version: '3.2.20' },
    { id: 'nvr-2', vendor: 'QNAP', product: 'VioStor NVR QVR firmware', version: '4.1.0' },
    {
      id: 'router-3',
      components: [
        { id: 'firmware', cpes: ['cpe:2.3:o:cisco:rv340_firmware:1.0.03.20:*:*:*:*:*:*:*'] },
        { id: 'chassis', cpes: ['cpe:2.3:h:cisco:rv340:-:*:*:*:*:*:*:*'] },
      ],
    },
    { id: 'router-4', cpes: ['cpe:2.3:o:cisco:rv340_firmware:1.0.03.20:*:*:*:*:*:*:*'] },
    { id: 'switch-5', vendor: 'Siemens', product: 'SCALANCE XCM332', version: 'V2.2' },
  ],
};

describe('mitra exposure match', () => {
  it('matches the sample feeds (directories walked, non-feeds skipped with a warning) and marks KEV', async () => {
    const result = await mitra('--inventory', write('inventory.json', inventory), '--feed', feeds);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('INDEX.tsv');
    expect(result.stderr).toContain('CVE_JSON_bundled_5.1.1.schema.json');
    const { matches } = JSON.parse(result.stdout) as { matches: { asset: string; vulnerability: string; status: string; source: string; kev: boolean }[] };
    expect(matches).toContainEqual(expect.objectContaining({ asset: 'mail-1', vulnerability: 'CVE-2021-26855', status: 'affected', source: 'nvd', kev: true }));
    expect(matches.filter((m) => m.asset === 'signal-7').map((m) => m.vulnerability)).toEqual(['CVE-2023-0451', 'CVE-2023-0452']);
    expect(matches).toContainEqual(expect.objectContaining({ asset: 'nvr-2', vulnerability: 'CVE-2023-47565', status: 'unknown', source: 'csaf', kev: true }));
    expect(matches.some((m) => m.asset === 'router-3' && m.vulnerability === 'CVE-2022-20699' && m.status === 'affected')).toBe(true);
    expect(matches.some((m) => m.asset === 'router-4' || m.asset === 'switch-5')).toBe(false);
    const keys = matches.map((m) => `${m.asset}\u0000${m.vulnerability}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('without the KEV file, kev is false; several --feed options add up', async () => {
    const result = await mitra('--inventory', write('inventory.json', inventory), '--feed', `${feeds}/nvd/CVE-2021-26855.json`, '--feed', `${feeds}/csaf/icsa-23-026-02.json`);
    expect(result.code).toBe(0);
    const { matches } = JSON.parse(result.stdout);
    expect(matches.map((m: { asset: string; vulnerability: string; kev: boolean }) => [m.asset, m.vulnerability, m.kev])).toEqual([
      ['mail-1', 'CVE-2021-26855', false],
      ['signal-7', 'CVE-2023-0451', false],
      ['signal-7', 'CVE-2023-0452', false],
    ]);
  });

  it('exits non-zero naming every bad item of an invalid inventory', async () => {
    const bad = { assets: [{ id: 'a', cpes: ['cpe:2.3:a:acme'] }, { vendor: 'x' }, { id: 'a', product: 'p' }] };
    const failed = await mitra('--inventory', write('bad.json', bad), '--feed', feeds);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('asset "a": malformed CPE "cpe:2.3:a:acme"');
    expect(failed.stderr).toContain('assets[1] has no id');
    expect(failed.stderr).toContain('duplicate asset id "a"');
    expect(failed.stdout).toBe('');
    const broken = await mitra('--inventory', write('broken.json', '{"assets": ['), '--feed', feeds);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain('not valid JSON');
    const missing = await mitra('--inventory', write('ok.json', inventory), '--feed', path.join(dir, 'nowhere'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('No file or directory');
  });
});
