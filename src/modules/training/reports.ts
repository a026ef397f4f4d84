/**
 * Training reports as development programmes give them: trainees by city, country, organisation and
 * course; nominated, approved and completed counts; completion and quiz pass rates; optionally by
 * self-described gender. The secretariat sees every cohort; a training provider the cohorts it
 * delivers and those of the courses it owns.
 */
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { traineeGenders, type TraineeGender } from '../../db/schema/training.js';
import { canViewTrainingReports, isSecretariat, requireSignedIn, type Viewer } from '../../policy/policy.js';
import { guardCell } from '../../server/csv.js';
import { forbidden } from '../../server/errors.js';
import { listReportRows, type ReportRow } from './queries.js';
import type { reportQuerySchema, reportRowSchema } from './schemas.js';

type ReportLine = z.infer<typeof reportRowSchema>;
type GenderCounts = Record<TraineeGender, number>;

const noGender = (): GenderCounts => ({ woman: 0, man: 0, another: 0, not_stated: 0 });
const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

function summarise(key: string, name: string, rows: ReportRow[], withGender: boolean): ReportLine {
  const approvedRows = rows.filter((r) => r.status === 'approved');
  const completedRows = approvedRows.filter((r) => r.completed);
  const quizTaken = approvedRows.filter((r) => r.quizTaken);
  const byGender = (list: ReportRow[]) => {
    const counts = noGender();
    for (const r of list) counts[r.gender] += 1;
    return counts;
  };
  return {
    key,
    name,
    nominated: rows.length,
    approved: approvedRows.length,
    completed: completedRows.length,
    completionRate: rate(completedRows.length, approvedRows.length),
    quizPassRate: rate(quizTaken.filter((r) => r.quizPassed).length, quizTaken.length),
    trainees: new Set(approvedRows.map((r) => r.userId)).size,
    gender: withGender ? { nominated: byGender(rows), approved: byGender(approvedRows), completed: byGender(completedRows) } : null,
  };
}

function groupBy(rows: ReportRow[], keyOf: (r: ReportRow) => string, nameOf: (r: ReportRow) => string, withGender: boolean): ReportLine[] {
  const groups = new Map<string, { name: string; rows: ReportRow[] }>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key) ?? { name: nameOf(row), rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.entries()].map(([key, g]) => summarise(key, g.name, g.rows, withGender)).sort((a, b) => b.nominated - a.nominated || a.name.localeCompare(b.name));
}

export async function trainingReport(db: Db, viewer: Viewer, query: z.infer<typeof reportQuerySchema>) {
  const actor = requireSignedIn(viewer);
  if (!canViewTrainingReports(actor)) throw forbidden('Training reports are for the secretariat and the training providers.');
  const all = isSecretariat(actor);
  const rows = await listReportRows(db, { organisationId: all ? undefined : actor.organisationId, courseId: query.courseId });
  const withGender = query.gender ?? false;
  return {
    totals: summarise('all', 'All trainees', rows, withGender),
    // Officials of national agencies have no city: they are grouped as such.
    byCity: groupBy(rows, (r) => r.cityId ?? 'none', (r) => r.cityName ?? 'National agencies (no city)', withGender),
    byCountry: groupBy(rows, (r) => r.countryCode ?? 'none', (r) => r.countryName ?? r.countryCode ?? 'Unknown', withGender),
    byOrganisation: groupBy(rows, (r) => r.organisationId, (r) => r.organisationName, withGender),
    byCourse: groupBy(rows, (r) => r.courseId, (r) => r.courseTitle, withGender),
    scope: all ? ('all' as const) : ('organisation' as const),
  };
}

export async function trainingReportCsv(db: Db, viewer: Viewer, query: z.infer<typeof reportQuerySchema>) {
  const report = await trainingReport(db, viewer, query);
  const withGender = query.gender ?? false;
  const measures = ['nominated', 'approved', 'completed'] as const;
  const header = ['grouping', 'key', 'name', 'nominated', 'approved', 'completed', 'completion_rate_percent', 'quiz_pass_rate_percent', 'trainees'];
  if (withGender) for (const measure of measures) for (const gender of traineeGenders) header.push(`${measure}_${gender}`);
  const lines: (string | number)[][] = [];
  const add = (grouping: string, line: ReportLine) => {
    const cells: (string | number)[] = [grouping, guardCell(line.key), guardCell(line.name), line.nominated, line.approved, line.completed, line.completionRate ?? '', line.quizPassRate ?? '', line.trainees];
    if (line.gender) for (const measure of measures) for (const gender of traineeGenders) cells.push(line.gender[measure][gender]);
    lines.push(cells);
  };
  add('total', report.totals);
  for (const line of report.byCountry) add('country', line);
  for (const line of report.byCity) add('city', line);
  for (const line of report.byOrganisation) add('organisation', line);
  for (const line of report.byCourse) add('course', line);
  return stringify([header, ...lines]);
}
