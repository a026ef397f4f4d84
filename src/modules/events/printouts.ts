/**
 * Printouts of events: name badges with a QR code of the badge code (one per page for a participant,
 * six per A4 page with cut marks for the organisers) and the visa-support letter of a reverse trade
 * mission. Fonts and the text of names beyond what the standard fonts draw: see src/server/pdf.ts.
 */
import QRCode from 'qrcode';
import type { ParticipantType } from '../../db/schema/events.js';
import { newPdfDocument, PARTNERSHIP_NAME } from '../../server/pdf.js';

export const participantTypeWords: Record<ParticipantType, string> = {
  city_delegate: 'City delegate',
  national_representative: 'National representative',
  us_government: 'U.S. government',
  us_city: 'U.S. city',
  industry: 'Industry',
  other: 'Participant',
};

/**
 * Badges are drawn from the page's edge (margin 0); a letter passes its own `margins`, and then no
 * `margin` may be set, because pdfkit prefers `margin` to `margins`. Metadata is in English and names the document.
 */
const newDocument = (options: PDFKit.PDFDocumentOptions) => newPdfDocument({ ...(options.margins ? {} : { margin: 0 }), lang: 'en', displayTitle: true, ...options });

/* ---- Badges ---- */

export type BadgeInput = {
  name: string;
  organisationName: string;
  cityName: string | null;
  participantType: ParticipantType;
  badgeCode: string;
  eventTitle: string;
  /** "10 March 2025 to 14 March 2025". */
  eventDates: string;
};

const BADGE_WIDTH = 270;
const BADGE_HEIGHT = 250;
const navy = '#1b3a5c';
const grey = '#4a5561';

/** Text in a box that shrinks until it fits `maxLines` lines (never below 7 pt), then ends with an ellipsis. */
function fitted(doc: PDFKit.PDFDocument, content: string, x: number, y: number, width: number, options: { font: 'body' | 'bold'; size: number; maxLines: number; color?: string; align?: 'left' | 'center' }) {
  doc.font(options.font);
  let size = options.size;
  while (size > 7) {
    doc.fontSize(size);
    if (doc.heightOfString(content, { width, align: options.align }) <= doc.currentLineHeight(true) * options.maxLines + 1) break;
    size -= 0.5;
  }
  doc.fontSize(size);
  const height = doc.currentLineHeight(true) * options.maxLines + 1;
  doc.fillColor(options.color ?? '#000000').text(content, x, y, { width, height, ellipsis: true, align: options.align ?? 'left' });
  return y + Math.min(doc.heightOfString(content, { width, align: options.align }), height);
}

async function drawBadge(doc: PDFKit.PDFDocument, text: (s: string) => string, badge: BadgeInput, x: number, y: number) {
  const pad = 14;
  const inner = BADGE_WIDTH - 2 * pad;
  doc.lineWidth(0.6).strokeColor('#9aa5b1').rect(x, y, BADGE_WIDTH, BADGE_HEIGHT).stroke();
  // Header band: the partnership and the event.
  doc.rect(x, y, BADGE_WIDTH, 52).fill(navy);
  fitted(doc, text(PARTNERSHIP_NAME), x + pad, y + 8, inner, { font: 'body', size: 7.5, maxLines: 1, color: '#ffffff' });
  fitted(doc, text(badge.eventTitle), x + pad, y + 20, inner, { font: 'bold', size: 10, maxLines: 2, color: '#ffffff' });
  // The person.
  let cursor = fitted(doc, text(badge.name), x + pad, y + 62, inner, { font: 'bold', size: 20, maxLines: 2 });
  cursor = fitted(doc, text(badge.organisationName), x + pad, cursor + 4, inner, { font: 'body', size: 10.5, maxLines: 2, color: grey });
  if (badge.cityName) fitted(doc, text(badge.cityName), x + pad, cursor + 2, inner, { font: 'body', size: 10.5, maxLines: 1, color: grey });
  // Footer: the participant type in words (never by colour alone), the dates, the QR code and its code.
  const qrSize = 84;
  const qrX = x + BADGE_WIDTH - pad - qrSize;
  const qrY = y + BADGE_HEIGHT - pad - qrSize - 10;
  const qr = await QRCode.toBuffer(badge.badgeCode, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 240 });
  doc.image(qr, qrX, qrY, { width: qrSize, height: qrSize });
  doc.font('body').fontSize(7).fillColor('#000000').text(badge.badgeCode, qrX - 10, qrY + qrSize + 1, { width: qrSize + 20, align: 'center', lineBreak: false });
  const footWidth = qrX - x - pad - 8;
  doc.rect(x + pad, qrY + 14, footWidth, 22).fill('#e8eef5');
  fitted(doc, text(participantTypeWords[badge.participantType].toUpperCase()), x + pad + 6, qrY + 20, footWidth - 12, { font: 'bold', size: 9.5, maxLines: 1, color: navy });
  fitted(doc, text(badge.eventDates), x + pad, qrY + 46, footWidth, { font: 'body', size: 8, maxLines: 2, color: grey });
}

/** One badge on a page of its own size (with a small margin), for a participant to print. */
export async function renderBadgePdf(badge: BadgeInput): Promise<Buffer> {
  const margin = 14;
  const { doc, done, text } = newDocument({
    size: [BADGE_WIDTH + 2 * margin, BADGE_HEIGHT + 2 * margin],
    info: { Title: `Badge: ${badge.name}, ${badge.eventTitle}`, Author: PARTNERSHIP_NAME, Creator: 'Mitra' },
  });
  await drawBadge(doc, text, badge, margin, margin);
  doc.end();
  return done;
}

/** All badges of an event, six per A4 page (two columns, three rows), to print and cut. */
export async function renderBadgeSheetPdf(eventTitle: string, badges: BadgeInput[]): Promise<Buffer> {
  const { doc, done, text } = newDocument({ size: 'A4', autoFirstPage: false, info: { Title: `Badges: ${eventTitle}`, Author: PARTNERSHIP_NAME, Creator: 'Mitra' } });
  const columns = 2;
  const rows = 3;
  const gapX = 15;
  const gapY = 12;
  for (let index = 0; index < badges.length; index++) {
    const slot = index % (columns * rows);
    if (slot === 0) doc.addPage({ size: 'A4', margin: 0 });
    const left = (doc.page.width - (columns * BADGE_WIDTH + (columns - 1) * gapX)) / 2;
    const top = (doc.page.height - (rows * BADGE_HEIGHT + (rows - 1) * gapY)) / 2;
    const column = slot % columns;
    const row = Math.floor(slot / columns);
    await drawBadge(doc, text, badges[index]!, left + column * (BADGE_WIDTH + gapX), top + row * (BADGE_HEIGHT + gapY));
  }
  doc.end();
  return done;
}

/* ---- Visa-support letter ---- */

export type VisaLetterInput = {
  passportName: string;
  nationality: string;
  participantName: string;
  organisationName: string;
  cityName: string | null;
  eventTitle: string;
  eventDates: string;
  /** The U.S. cities of the itinerary, in the order visited. */
  usCities: string[];
  organiserName: string;
  organiserContact: string | null;
  issuedOn: string;
  reference: string;
  eventUrl: string;
};

export async function renderVisaLetterPdf(letter: VisaLetterInput): Promise<Buffer> {
  const { doc, done, text } = newDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 72, right: 72 },
    info: { Title: `Visa-support letter: ${letter.passportName}, ${letter.eventTitle}`, Author: letter.organiserName, Subject: `Reference ${letter.reference}`, Creator: 'Mitra' },
  });
  const left = 72;
  const width = doc.page.width - 144;
  const paragraph = (value: string, options: { font?: 'body' | 'bold'; size?: number; gap?: number; color?: string } = {}) => {
    doc
      .font(options.font ?? 'body')
      .fontSize(options.size ?? 11)
      .fillColor(options.color ?? '#000000')
      .text(text(value), left, doc.y, { width, lineGap: 2 });
    doc.moveDown(options.gap ?? 0.8);
  };

  doc.y = 64;
  paragraph(letter.organiserName, { font: 'bold', size: 14, gap: 0.2, color: navy });
  paragraph(PARTNERSHIP_NAME, { size: 10, color: grey, gap: 1.6 });
  paragraph(letter.issuedOn, { gap: 0.2 });
  paragraph(`Reference: ${letter.reference}`, { gap: 1.4 });
  paragraph('To the consular officer concerned', { font: 'bold', gap: 1 });
  paragraph(`Subject: visa support for ${letter.passportName}, national of ${letter.nationality}`, { font: 'bold', gap: 1.2 });

  const cities = letter.usCities.length ? letter.usCities.join('; ') : 'to be confirmed';
  const affiliation = letter.cityName ? `${letter.organisationName} (${letter.cityName})` : letter.organisationName;
  paragraph(
    `${letter.organiserName} confirms that ${letter.passportName}, as written in the passport, of ${affiliation}, is a confirmed member of the delegation of the reverse trade mission "${letter.eventTitle}", organised under the ${PARTNERSHIP_NAME}.`,
  );
  paragraph(`The mission takes place from ${letter.eventDates}. Its itinerary in the United States visits: ${cities}.`);
  paragraph(
    'The mission brings city officials of ASEAN member states to meet U.S. government agencies, cities and companies about the projects of their Smart City Action Plans: briefings, site visits and business meetings.',
  );
  paragraph(`We kindly ask that the visa application of ${letter.passportName} be considered so that the delegate can take part in the mission.`, { gap: 1.6 });
  paragraph('Yours faithfully,', { gap: 0.4 });
  paragraph(`For ${letter.organiserName}`, { font: 'bold', gap: 2 });

  doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.5).strokeColor('#9aa5b1').stroke();
  doc.moveDown(0.6);
  const contact = letter.organiserContact ? ` (${letter.organiserContact})` : '';
  paragraph(
    `Verification: this letter was issued through Mitra with reference ${letter.reference}. ${letter.organiserName}${contact} confirms it on request, quoting the reference; the mission's page is ${letter.eventUrl}.`,
    { size: 9, color: grey, gap: 0 },
  );
  doc.end();
  return done;
}
