import fs from 'node:fs';
import type { FastifyReply } from 'fastify';
import PDFDocument from 'pdfkit';

/**
 * PDF documents (certificates, badges, letters, reports). Names in the region need more than PDF's
 * standard fonts hold (Vietnamese above all): a Unicode TrueType font is embedded when the system has
 * one (DejaVu ships with most Linux images); otherwise Helvetica draws the text, and letters it cannot
 * draw lose their accents rather than turning into wrong glyphs.
 */

/** Who issues Mitra's documents, as they print it. */
export const PARTNERSHIP_NAME = 'U.S.-ASEAN Smart Cities Partnership';

type UnicodeFonts = { regular: Buffer; bold: Buffer };

const fontCandidates = [
  { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/TTF/DejaVuSans.ttf', bold: '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', bold: '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf' },
];

let found: UnicodeFonts | null | undefined;

/** The first Unicode regular and bold pair this system has, read once; null when it has none. */
export function unicodeFonts(): UnicodeFonts | null {
  if (found !== undefined) return found;
  found = null;
  for (const candidate of fontCandidates) {
    try {
      found = { regular: fs.readFileSync(candidate.regular), bold: fs.readFileSync(candidate.bold) };
      break;
    } catch {
      // Not on this system (or not readable): try the next.
    }
  }
  return found;
}

/**
 * For the standard fonts, which draw Windows-1252 (WinAnsi): characters of Windows-1252 stay; others
 * lose their accents (ệ → e), and what is left unknown becomes "?".
 */
export function forStandardFont(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (code < 0x100 || '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'.includes(char)) {
      out += char;
      continue;
    }
    const stripped = char.normalize('NFD').replace(/\p{M}/gu, '');
    if (stripped && [...stripped].every((c) => c.codePointAt(0)! < 0x100)) out += stripped;
    else if (char === 'đ') out += 'd';
    else if (char === 'Đ') out += 'D';
    else out += '?';
  }
  return out;
}

export type PdfDocument = PDFKit.PDFDocument;

/**
 * A document with the fonts 'body' and 'bold' registered (the Unicode font, or Helvetica); `done`
 * resolves with its bytes once `doc.end()` is called; `text` makes a string drawable in those fonts.
 * The options go to pdfkit unchanged.
 */
export function newPdfDocument(options: PDFKit.PDFDocumentOptions): { doc: PdfDocument; done: Promise<Buffer>; text: (value: string) => string } {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const fonts = unicodeFonts();
  doc.registerFont('body', fonts ? fonts.regular : 'Helvetica');
  doc.registerFont('bold', fonts ? fonts.bold : 'Helvetica-Bold');
  const text = fonts ? (value: string) => value : forStandardFont;
  return { doc, done, text };
}

/** A PDF download (a certificate, a badge, a letter, a report): private to the viewer, never cached. */
export function sendPdf(reply: FastifyReply, fileName: string, pdf: Buffer) {
  return reply.type('application/pdf').header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'private, no-store').send(pdf);
}
