import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { redactUrl } from './logging.js';
import { decodeCursor, encodeCursor, pageOf } from './pagination.js';

describe('log redaction', () => {
  it('removes tokens and codes from query strings', () => {
    expect(redactUrl('/api/v1/invitations?token=abc123&x=1')).toBe('/api/v1/invitations?token=[redacted]&x=1');
    expect(redactUrl('/setup?code=ABCD-EFGH')).toBe('/setup?code=[redacted]');
    expect(redactUrl('/api/v1/cities?country=VN')).toBe('/api/v1/cities?country=VN');
  });
});

describe('cursors', () => {
  it('round-trip any key', () => {
    fc.assert(
      fc.property(fc.string(), fc.uuid(), (title, id) => {
        expect(decodeCursor(encodeCursor([title, id]), 2)).toEqual([title, id]);
      }),
    );
  });

  it('reject tampered cursors with a validation error', () => {
    expect(() => decodeCursor('not-base64-json', 2)).toThrow(/cursor is not valid/);
    expect(() => decodeCursor(encodeCursor(['only one']), 2)).toThrow(/cursor is not valid/);
  });

  it('gives a next cursor only when there is another page', () => {
    const rows = [1, 2, 3].map((n) => ({ id: n }));
    expect(pageOf(rows, 3, (r) => [r.id]).nextCursor).toBeNull();
    const page = pageOf(rows, 2, (r) => [r.id]);
    expect(page.items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(decodeCursor(page.nextCursor!, 1)).toEqual([2]);
  });
});

describe('configuration', () => {
  it('has defaults that run on the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, publicUrl: 'http://localhost:3000', databaseUrl: undefined, secureCookies: false });
    expect(config.dataDir.endsWith('.mitra')).toBe(true);
  });

  it('refuses bad values, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
  });

  it('uses secure cookies when served over HTTPS', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://mitra.example/' })).toMatchObject({ secureCookies: true, publicUrl: 'https://mitra.example' });
  });
});
