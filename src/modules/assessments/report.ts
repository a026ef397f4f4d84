/**
 * The assessment's reports: a PDF for people (scope, the stated scale, the tiers, the function and
 * category table, the largest gaps and the recommended courses) and a CSV for spreadsheets (one row
 * per subcategory). Fonts and the text of names beyond what the standard fonts draw: see
 * src/server/pdf.ts.
 */
import { stringify } from 'csv-stringify/sync';
import { guardCell } from '../../server/csv.js';
import { newPdfDocument, PARTNERSHIP_NAME } from '../../server/pdf.js';
import { csfCore, csfCategory, levelNames, tierNames } from './framework.js';
import type { ReportData } from './service.js';

const systemNames: Record<string, string> = {
  traffic: 'traffic management',
  cctv: 'CCTV and cameras',
  water: 'water',
  energy: 'energy',
  buildings: 'buildings',
  network: 'the city network',
  city_services: 'city services',
};

export function scopeInWords(scope: string, scopeSystem: string | null): string {
  return scope === 'system' && scopeSystem ? `One system: ${systemNames[scopeSystem] ?? scopeSystem}` : 'The whole city administration';
}

const figure = (value: number | null) => (value === null ? '-' : value.toFixed(2));
const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : '');

/* ---- CSV ---- */

export const csvColumns = [
  'function_id',
  'function',
  'category_id',
  'category',
  'priority_category',
  'subcategory_id',
  'subcategory',
  'current_level',
  'current_level_name',
  'target_level',
  'target_level_name',
  'gap',
  'not_applicable',
  'not_applicable_reason',
  'evidence',
] as const;

/** One row per CSF 2.0 subcategory, in the core's order; unanswered ones are there with empty levels. */
export function assessmentCsv(data: ReportData): string {
  const answers = new Map(data.answers.map((answer) => [answer.subcategoryId, answer]));
  const priorities = new Set(data.assessment.priorityCategoryIds);
  const rows: (string | number)[][] = [];
  for (const fn of csfCore().functions) {
    for (const category of fn.categories) {
      for (const sub of category.subcategories) {
        const answer = answers.get(sub.id);
        const na = answer?.notApplicable ?? false;
        const current = na ? null : (answer?.currentLevel ?? null);
        const target = na ? null : (answer?.targetLevel ?? null);
        rows.push([
          fn.id,
          fn.name,
          category.id,
          category.name,
          priorities.has(category.id) ? 'yes' : 'no',
          sub.id,
          sub.text,
          current ?? '',
          current === null ? '' : levelNames[current]!,
          target ?? '',
          target === null ? '' : levelNames[target]!,
          current === null || target === null ? '' : Math.max(0, target - current),
          na ? 'yes' : 'no',
          na ? answer!.notApplicableReason : '',
          answer?.evidence ?? '',
        ]);
      }
    }
  }
  return stringify([[...csvColumns], ...rows.map((row) => row.map((cell) => (typeof cell === 'string' ? guardCell(cell) : cell)))]);
}

/* ---- PDF ---- */

/** Writes the assessment report; resolves with the PDF's bytes. */
export function assessmentPdf(data: ReportData, generatedAt = new Date()): Promise<Buffer> {
  const { assessment, analysis, recommendations } = data;
  const { doc, done, text: clean } = newPdfDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 50, right: 50 },
    bufferPages: true,
    info: { Title: `Cyber self-assessment: ${assessment.title}`, Author: `Mitra, ${PARTNERSHIP_NAME}`, Subject: 'NIST CSF 2.0 self-assessment and gap analysis' },
  });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensureRoom = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const heading = (text: string) => {
    ensureRoom(60);
    doc.moveDown(0.8).font('bold').fontSize(13).fillColor('#111111').text(clean(text), left, doc.y, { width });
    doc.moveDown(0.3);
  };
  const paragraph = (text: string, size = 10) => {
    doc.font('body').fontSize(size).fillColor('#111111').text(clean(text), left, doc.y, { width });
  };
  const fact = (label: string, value: string) => {
    doc.font('bold').fontSize(10).fillColor('#111111').text(clean(`${label}: `), left, doc.y, { width, continued: true });
    doc.font('body').text(clean(value));
  };

  /** A table: columns with their widths (in points) and alignment; a header row repeated on each new page. */
  const table = (columns: { title: string; width: number; align?: 'left' | 'right' }[], rows: { cells: string[]; bold?: boolean }[]) => {
    const drawRow = (cells: string[], bold: boolean, header: boolean) => {
      const font = bold || header ? 'bold' : 'body';
      doc.font(font).fontSize(9);
      const heights = cells.map((cell, i) => doc.heightOfString(clean(cell), { width: columns[i]!.width - 6 }));
      const height = Math.max(...heights) + 6;
      if (doc.y + height > bottom()) {
        doc.addPage();
        if (!header) drawRow(columns.map((c) => c.title), true, true);
        doc.font(font).fontSize(9);
      }
      const y = doc.y;
      if (header) doc.rect(left, y, width, height).fill('#e9ecef');
      let x = left;
      cells.forEach((cell, i) => {
        const column = columns[i]!;
        doc.fillColor('#111111').text(clean(cell), x + 3, y + 3, { width: column.width - 6, align: column.align ?? 'left' });
        x += column.width;
      });
      doc.moveTo(left, y + height).lineTo(left + width, y + height).lineWidth(0.5).strokeColor('#adb5bd').stroke();
      doc.x = left;
      doc.y = y + height;
    };
    drawRow(
      columns.map((c) => c.title),
      true,
      true,
    );
    for (const row of rows) drawRow(row.cells, row.bold ?? false, false);
    doc.x = left;
  };

  // Title and scope
  doc.font('bold').fontSize(18).fillColor('#111111').text(clean('Cyber self-assessment (NIST CSF 2.0)'), left, doc.y, { width });
  doc.moveDown(0.2).font('body').fontSize(14).text(clean(assessment.title), { width });
  doc.moveDown(0.6);
  fact('City', assessment.cityName);
  fact('Scope', scopeInWords(assessment.scope, assessment.scopeSystem));
  if (assessment.scopeNotes) fact('Scope notes', assessment.scopeNotes);
  fact('Status', assessment.status === 'submitted' ? `Submitted on ${day(assessment.submittedAt)}${assessment.submittedByName ? ` by ${assessment.submittedByName}` : ''}` : 'Draft (not submitted)');
  fact('Answered', `${assessment.answered} of ${analysis.overall.answered + analysis.overall.notApplicable + analysis.overall.unanswered} subcategories (${assessment.notApplicable} not applicable)`);
  fact(
    'Priority categories',
    assessment.priorityCategoryIds.length ? assessment.priorityCategoryIds.map((id) => `${id} ${csfCategory(id)?.name ?? ''}`.trim()).join('; ') : 'none chosen',
  );
  fact('Report generated', `${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);

  heading('The implementation scale');
  paragraph('Each subcategory is answered with a current and a target level on this scale, or marked not applicable with a reason.');
  doc.moveDown(0.3);
  for (const [level, name] of Object.entries(levelNames)) paragraph(`${level}  ${name}`);
  paragraph('Averages are over the applicable, answered subcategories. A gap is the target minus the current level, never below zero, averaged per category and function.', 9);

  heading('CSF tiers, as judged by the city');
  paragraph('The tiers describe how rigorous the city’s cybersecurity risk governance and risk management are as a whole. They are the city’s own judgement, not computed from the scores.', 9);
  doc.moveDown(0.3);
  const tier = (label: string, value: number | null, rationale: string) => {
    fact(label, value === null ? 'not judged yet' : `Tier ${value}: ${tierNames[value]}`);
    if (rationale) paragraph(`Rationale: ${rationale}`, 9);
    doc.moveDown(0.3);
  };
  tier('Risk governance', assessment.governanceTier, assessment.governanceTierRationale);
  tier('Risk management', assessment.riskManagementTier, assessment.riskManagementTierRationale);

  heading('Current and target profile');
  fact('All functions', `current ${figure(analysis.overall.current)}, target ${figure(analysis.overall.target)}, gap ${figure(analysis.overall.gap)}`);
  doc.moveDown(0.4);
  const columns = [
    { title: 'Function / category', width: width - 4 * 50 - 62 },
    { title: 'Current', width: 50, align: 'right' as const },
    { title: 'Target', width: 50, align: 'right' as const },
    { title: 'Gap', width: 50, align: 'right' as const },
    { title: 'Answered', width: 62, align: 'right' as const },
    { title: 'N/A', width: 50, align: 'right' as const },
  ];
  const priorities = new Set(assessment.priorityCategoryIds);
  const rows: { cells: string[]; bold?: boolean }[] = [];
  for (const fn of analysis.functions) {
    rows.push({ cells: [`${fn.id} ${fn.name}`, figure(fn.current), figure(fn.target), figure(fn.gap), String(fn.answered), String(fn.notApplicable)], bold: true });
    for (const category of analysis.categories.filter((c) => c.functionId === fn.id)) {
      const name = `   ${category.id} ${category.name}${priorities.has(category.id) ? ' (priority)' : ''}`;
      rows.push({ cells: [name, figure(category.current), figure(category.target), figure(category.gap), String(category.answered), String(category.notApplicable)] });
    }
  }
  table(columns, rows);

  heading('Largest gaps');
  if (analysis.rankedCategoryGaps.length === 0) {
    paragraph('No category has a gap between its current and target levels.');
  } else {
    paragraph('Categories ranked by their gap; a gap in one of the city’s priority categories counts 1.5 times.', 9);
    doc.moveDown(0.3);
    table(
      [
        { title: 'Rank', width: 36, align: 'right' },
        { title: 'Category', width: width - 36 - 3 * 60 },
        { title: 'Current', width: 60, align: 'right' },
        { title: 'Target', width: 60, align: 'right' },
        { title: 'Gap', width: 60, align: 'right' },
      ],
      analysis.rankedCategoryGaps.slice(0, 10).map((gap, i) => ({
        cells: [String(i + 1), `${gap.id} ${gap.name}${gap.priority ? ' (priority)' : ''}`, figure(gap.current), figure(gap.target), figure(gap.gap)],
      })),
    );
    if (analysis.rankedSubcategoryGaps.length) {
      doc.moveDown(0.6);
      paragraph('Subcategories with the largest gaps:', 10);
      doc.moveDown(0.2);
      table(
        [
          { title: 'Subcategory', width: width - 3 * 50 },
          { title: 'Current', width: 50, align: 'right' },
          { title: 'Target', width: 50, align: 'right' },
          { title: 'Gap', width: 50, align: 'right' },
        ],
        analysis.rankedSubcategoryGaps.slice(0, 10).map((gap) => ({ cells: [`${gap.id} ${gap.text}`, String(gap.current), String(gap.target), String(gap.gap)] })),
      );
    }
  }

  heading('Recommended training');
  if (recommendations.length === 0) {
    paragraph(analysis.rankedCategoryGaps.length ? 'No published course addresses these gaps yet.' : 'There are no gaps to recommend training for.');
  } else {
    for (const recommendation of recommendations) {
      ensureRoom(50);
      doc.font('bold').fontSize(10).fillColor('#111111').text(clean(recommendation.course.title), left, doc.y, { width });
      paragraph(`By ${recommendation.course.organisationName}. Addresses: ${recommendation.addresses.map((a) => `${a.categoryId} ${a.name} (gap ${a.gap.toFixed(2)}${a.priority ? ', priority' : ''})`).join('; ')}.`, 9);
      const next = recommendation.nextCohorts[0];
      paragraph(next ? `Next cohort: ${next.title}, ${next.startsOn} to ${next.endsOn} (${next.mode.replace('_', ' ')}${next.location ? `, ${next.location}` : ''}).` : 'No cohort is planned yet.', 9);
      doc.moveDown(0.4);
    }
  }

  // Footer on every page: the source and the page number.
  const pages = doc.bufferedPageRange();
  for (let i = pages.start; i < pages.start + pages.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - doc.page.margins.bottom + 16;
    doc
      .font('body')
      .fontSize(8)
      .fillColor('#495057')
      .text(clean(`NIST CSF 2.0 core (public domain; not endorsed by NIST). ${assessment.cityName}: ${assessment.title}. Page ${i + 1} of ${pages.count}.`), left, y, {
        width,
        lineBreak: false,
        height: 12,
      });
  }
  doc.end();
  return done;
}
