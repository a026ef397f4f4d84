/**
 * The printable completion certificate: one landscape A4 page with what the certificate states, its
 * verification code, and a QR code to the public verification page. Fonts and the text of names
 * beyond what the standard fonts draw: see src/server/pdf.ts.
 */
import QRCode from 'qrcode';
import { newPdfDocument, PARTNERSHIP_NAME } from '../../server/pdf.js';

export type CertificatePdfInput = {
  recipientName: string;
  courseTitle: string;
  cohortTitle: string;
  cohortStartsOn: string;
  cohortEndsOn: string;
  deliveringOrganisationName: string;
  completedOn: string;
  verificationCode: string;
  verificationUrl: string;
};

/** 2025-03-12 → 12 March 2025, read as a calendar date (no time zone shift). */
export function longDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  if (!year || !month || !day) return isoDate;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
}

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const qr = await QRCode.toBuffer(input.verificationUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 360 });
  const { doc, done, text } = newPdfDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    autoFirstPage: true,
    lang: 'en',
    displayTitle: true,
    info: {
      Author: PARTNERSHIP_NAME,
      Subject: `Verification code ${input.verificationCode}`,
      Creator: 'Mitra',
    },
  });
  // The title, shown in the viewer's title bar, is cleaned like the page's text (pdfkit writes doc.info at doc.end()).
  doc.info.Title = text(`Certificate of completion: ${input.courseTitle} - ${input.recipientName}`);

  const width = doc.page.width;
  const height = doc.page.height;
  const navy = '#1b3a5c';
  const grey = '#4a5561';

  // Frame.
  doc.lineWidth(3).strokeColor(navy).rect(24, 24, width - 48, height - 48).stroke();
  doc.lineWidth(0.8).rect(32, 32, width - 64, height - 64).stroke();

  const left = 70;
  const inner = width - 2 * left;

  /** Centred text that never runs onto a second page: shrinks until it fits `maxLines` lines. */
  const centred = (value: string, y: number, options: { font: 'body' | 'bold'; size: number; color?: string; maxLines?: number }) => {
    const maxLines = options.maxLines ?? 1;
    let size = options.size;
    doc.font(options.font);
    const content = text(value);
    while (size > 9) {
      doc.fontSize(size);
      if (doc.heightOfString(content, { width: inner, align: 'center' }) <= doc.currentLineHeight(true) * maxLines + 1) break;
      size -= 1;
    }
    doc.fontSize(size);
    const boxHeight = doc.currentLineHeight(true) * maxLines + 2;
    doc.fillColor(options.color ?? '#000000').text(content, left, y, { width: inner, align: 'center', height: boxHeight, ellipsis: true, lineBreak: maxLines > 1 });
    return y + Math.min(doc.heightOfString(content, { width: inner, align: 'center' }), boxHeight);
  };

  let y = 62;
  y = centred(PARTNERSHIP_NAME.toUpperCase(), y, { font: 'bold', size: 13, color: navy }) + 18;
  y = centred('Certificate of completion', y, { font: 'bold', size: 34, color: navy }) + 22;
  y = centred('This certifies that', y, { font: 'body', size: 13, color: grey }) + 8;
  y = centred(input.recipientName, y, { font: 'bold', size: 28, maxLines: 2 }) + 12;
  y = centred('has completed the course', y, { font: 'body', size: 13, color: grey }) + 8;
  y = centred(input.courseTitle, y, { font: 'bold', size: 20, maxLines: 2 }) + 12;
  y = centred(`Cohort: ${input.cohortTitle} (${longDate(input.cohortStartsOn)} to ${longDate(input.cohortEndsOn)})`, y, { font: 'body', size: 12, maxLines: 2 }) + 4;
  y = centred(`Delivered by ${input.deliveringOrganisationName}`, y, { font: 'body', size: 12, maxLines: 2 }) + 4;
  centred(`Completed on ${longDate(input.completedOn)}`, y, { font: 'bold', size: 13 });

  // Verification: the code and the address in text, and the QR code to the same address.
  const qrSize = 96;
  const qrX = width - left - qrSize;
  const qrY = height - 56 - qrSize;
  doc.image(qr, qrX, qrY, { width: qrSize, height: qrSize });
  const footWidth = qrX - left - 20;
  doc.font('bold').fontSize(11).fillColor('#000000').text(`Verification code: ${input.verificationCode}`, left, qrY + 22, { width: footWidth, lineBreak: false });
  doc
    .font('body')
    .fontSize(10)
    .fillColor(grey)
    .text('Check that this certificate is genuine and has not been revoked at:', left, qrY + 42, { width: footWidth, lineBreak: false });
  doc.font('body').fontSize(10).fillColor(navy).text(input.verificationUrl, left, qrY + 58, { width: footWidth, lineBreak: false, link: input.verificationUrl, underline: true });
  doc
    .font('body')
    .fontSize(8)
    .fillColor(grey)
    .text('Also issued as a signed Open Badges 3.0 credential.', left, qrY + 76, { width: footWidth, lineBreak: false });

  doc.end();
  return done;
}
