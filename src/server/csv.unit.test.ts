import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { guardCell, sendCsv } from './csv.js';

describe('guardCell', () => {
  it('puts an apostrophe before a cell a spreadsheet would run as a formula', () => {
    expect(guardCell('=HYPERLINK("http://evil.example")')).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(guardCell('+1 555 0100')).toBe(`'+1 555 0100`);
    expect(guardCell('-1500')).toBe(`'-1500`);
    expect(guardCell('@SUM(A1:A2)')).toBe(`'@SUM(A1:A2)`);
    expect(guardCell('\t=1+1')).toBe(`'\t=1+1`);
    expect(guardCell('\r=1+1')).toBe(`'\r=1+1`);
  });

  it('leaves every other cell as it is', () => {
    for (const value of ['', 'Đà Nẵng', 'a=b', ' =1', "'=already quoted", '2025-03-07', '1 + 1', '\n=1']) expect(guardCell(value)).toBe(value);
  });

  it('never leaves a formula start, and only ever adds the one apostrophe', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const guarded = guardCell(value);
        expect(guarded).not.toMatch(/^[=+\-@\t\r]/);
        expect(guarded === value || guarded === `'${value}`).toBe(true);
      }),
    );
  });

  it('survives CSV quoting: the cell reads back guarded', () => {
    const csv = stringify([['name'], [guardCell('=cmd|" /C calc"!A0')]]);
    expect(parse(csv)).toEqual([['name'], [`'=cmd|" /C calc"!A0`]]);
  });
});

describe('sendCsv', () => {
  it('sends a private UTF-8 CSV download that is never cached', async () => {
    const app = Fastify();
    app.get('/deals.csv', (_request, reply) => sendCsv(reply, 'deals-2025-03-07.csv', 'id,title\n1,Bridge\n'));
    const response = await app.inject({ method: 'GET', url: '/deals.csv' });
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="deals-2025-03-07.csv"');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.body).toBe('id,title\n1,Bridge\n');
  });
});
