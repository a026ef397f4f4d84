import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-schedule-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, value: unknown) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}
/** Runs `node bin/mitra.js schedule …` with no database settings. */
async function mitra(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/mitra.js', 'schedule', ...args], { env: { PATH: process.env.PATH ?? '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const instance = {
  slots: [{ id: 's1' }, { id: 's2' }],
  tables: [{ id: 't1' }],
  participants: [
    { id: 'a', unavailable: ['s2'] },
    { id: 'b', unavailable: [] },
    { id: 'c', unavailable: [] },
  ],
  meetings: [
    { id: 'm1', participants: ['a', 'b'], weight: 2 },
    { id: 'm2', participants: ['b', 'c'], fixed: { slot: 's1', table: 't1' } },
    { id: 7, participants: ['a', 'c'] },
  ],
};

describe('mitra schedule', () => {
  it('writes the schedule to standard output, or to --output', async () => {
    const input = write('ok.json', instance);
    const printed = await mitra('--input', input);
    expect(printed.code).toBe(0);
    const result = JSON.parse(printed.stdout);
    expect(result).toMatchObject({ assignments: [{ meeting: 'm2', slot: 's1', table: 't1' }], unscheduled: ['m1', 7], scheduledWeight: 1, upperBound: expect.any(Number) });
    expect(result.upperBound).toBeGreaterThanOrEqual(1);
    const output = path.join(dir, 'out.json');
    expect((await mitra('--input', input, '--output', output)).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(output, 'utf8')).assignments).toEqual(result.assignments);
  });

  it('exits non-zero naming every bad item', async () => {
    const bad = { ...instance, meetings: [...instance.meetings, { id: 'm9', participants: ['a', 'ghost'] }, { id: 'm1', participants: ['b'] }] };
    const failed = await mitra('--input', write('bad.json', bad));
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('meeting "m9": unknown participant(s) "ghost"');
    expect(failed.stderr).toContain('duplicate meeting id "m1"');
    expect(failed.stderr).toContain('needs at least two participants');
    const broken = await mitra('--input', write('broken.json', '{"slots": ['));
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain('not valid JSON');
  });
});
