import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/**
 * CSV exports. Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage return)
 * as a formula, so a value someone typed into Mitra could run in the reader's spreadsheet: such a
 * cell gets a leading apostrophe, which spreadsheets read as "this is text".
 */
export function guardCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The body of a CSV download, for a route's response schema. */
export const csvFileSchema = z.string().describe('A CSV file (text/csv; UTF-8, header row first)');

/** A CSV download: private to the viewer, never cached. */
export function sendCsv(reply: FastifyReply, fileName: string, csv: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'private, no-store')
    .send(csv);
}
