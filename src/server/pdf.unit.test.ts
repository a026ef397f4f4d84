import Fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forStandardFont, newPdfDocument, sendPdf, unicodeFonts } from './pdf.js';

/** The document's bytes as text (its objects are readable; only the content streams are compressed). */
async function render(draw: (document: ReturnType<typeof newPdfDocument>) => void) {
  const document = newPdfDocument({ size: 'A4' });
  draw(document);
  document.doc.end();
  return (await document.done).toString('latin1');
}

describe('forStandardFont', () => {
  it('keeps Latin-1 and what else Windows-1252 draws', () => {
    expect(forStandardFont('José Müller')).toBe('José Müller');
    expect(forStandardFont('São Paulo – “quoted” €5 … Œuvre')).toBe('São Paulo – “quoted” €5 … Œuvre');
  });

  it('strips the accents the standard fonts cannot draw, Vietnamese đ included', () => {
    expect(forStandardFont('Hà Nội')).toBe('Hà Noi');
    expect(forStandardFont('Nguyễn Thị Hương, Đà Nẵng')).toBe('Nguyen Thi Huong, Dà Nang');
    // Decomposed input is composed first, so it reads the same.
    expect(forStandardFont('Hà Nội'.normalize('NFD'))).toBe('Hà Noi');
  });

  it('turns letters with no Latin base into "?", one per character', () => {
    expect(forStandardFont('ນະຄອນຫຼວງ')).toMatch(/^\?+$/);
    expect(forStandardFont('กรุงเทพ')).toMatch(/^\?+$/);
    expect(forStandardFont('Tokyo 東京')).toBe('Tokyo ??');
  });
});

describe('newPdfDocument', () => {
  it("registers 'body' and 'bold' and collects the document's bytes once it ends", async () => {
    const pdf = await render(({ doc, text }) => doc.font('body').text(text('Certificate')).font('bold').text(text('Bold')));
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it('draws with the Unicode font when the system has one, keeping the text as it is', async () => {
    const fonts = unicodeFonts();
    if (!fonts) return expect(fonts).toBeNull();
    expect(unicodeFonts()).toBe(fonts); // read once
    const pdf = await render(({ doc, text }) => {
      expect(text('Nguyễn Thị Hương')).toBe('Nguyễn Thị Hương');
      doc.font('body').text(text('Nguyễn')).font('bold').text(text('Đà Nẵng'));
    });
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+(DejaVuSans|NotoSans)/);
    expect(pdf).not.toContain('/BaseFont /Helvetica');
  });
});

describe('newPdfDocument on a system without a Unicode font', () => {
  afterEach(() => {
    vi.doUnmock('node:fs');
    vi.resetModules();
  });

  it('falls back to Helvetica and cleans the text for it', async () => {
    vi.resetModules();
    vi.doMock('node:fs', async (importOriginal) => {
      const actual = await importOriginal<typeof import('node:fs')>();
      const readFileSync = ((path: Parameters<typeof actual.readFileSync>[0], ...rest: unknown[]) => {
        if (String(path).startsWith('/usr/share/fonts/')) throw Object.assign(new Error(`ENOENT: ${String(path)}`), { code: 'ENOENT' });
        return (actual.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
      }) as typeof actual.readFileSync;
      return { ...actual, readFileSync, default: { ...actual, readFileSync } };
    });
    const fallback = await import('./pdf.js');
    expect(fallback.unicodeFonts()).toBeNull();
    const document = fallback.newPdfDocument({ size: 'A4' });
    expect(document.text('Nguyễn Thị Hương – Đà Nẵng')).toBe('Nguyen Thi Huong – Dà Nang');
    document.doc.font('body').text(document.text('Nguyễn')).font('bold').text(document.text('Đà Nẵng'));
    document.doc.end();
    const pdf = (await document.done).toString('latin1');
    expect(pdf).toContain('/BaseFont /Helvetica\n');
    expect(pdf).toContain('/BaseFont /Helvetica-Bold');
  });
});

describe('sendPdf', () => {
  it('sends a private download that is never cached', async () => {
    const app = Fastify();
    app.get('/file.pdf', (_request, reply) => sendPdf(reply, 'certificate-abc.pdf', Buffer.from('%PDF-1.3 test')));
    const response = await app.inject({ method: 'GET', url: '/file.pdf' });
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="certificate-abc.pdf"');
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.body).toBe('%PDF-1.3 test');
  });
});
