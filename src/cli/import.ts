import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { detectFormat } from '../engines/exposure/feeds/index.js';
import { decodeFeedBytes, importFeedFile, type ImportReport } from '../modules/feeds/service.js';
import { AppError } from '../server/errors.js';
import type { AppContext } from '../server/context.js';
import { createJobQueue, prepareDatabase } from '../server/runtime.js';

/** Problems printed per file; the full list is kept with the import (GET /api/v1/feeds/imports). */
const problemsShown = 20;

/** Every file under the paths, in a stable order; directories are walked recursively. */
function filesUnder(target: string): string[] {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return [target];
  return fs
    .readdirSync(target, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => filesUnder(path.join(target, entry.name)));
}

function describe(report: ImportReport): string {
  const { inserted, updated, unchanged, rejected, rematched } = report;
  const exposures = rematched.exposuresOpened || rematched.exposuresClosed ? `; exposures: ${rematched.exposuresOpened} opened, ${rematched.exposuresClosed} closed` : '';
  return `${report.format}, ${inserted} new, ${updated} updated, ${unchanged} unchanged, ${rejected} rejected${exposures}`;
}

/**
 * `mitra import PATH [PATH...]`: imports vulnerability feed files (NVD CVE API 2.0, CVE JSON 5, CSAF 2.0,
 * CISA KEV, EPSS CSV, gzipped or not), file by file, each in its own transaction, as `mitra import`.
 * Files in a directory that are no feed are reported and skipped; a file named on the command line
 * that is no feed, or a path that does not exist, makes the command exit non-zero. Rejected records
 * are reported, not fatal.
 */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .argument('<paths...>', 'feed files or directories (searched recursively)')
    .description('Import vulnerability feeds (NVD, CVE 5, CSAF, CISA KEV, EPSS) and match them against city inventories')
    .action(async (paths: string[]) => {
      const missing = paths.filter((p) => !fs.existsSync(p));
      if (missing.length) {
        console.error(`No file or directory at ${missing.join(', ')}: nothing was imported.`);
        process.exitCode = 1;
        return;
      }
      const named = new Set(paths.filter((p) => !fs.statSync(p).isDirectory()).map((p) => path.resolve(p)));
      const files = [...new Set(paths.flatMap(filesUnder).map((f) => path.resolve(f)))];

      const config = loadConfig();
      const database = await prepareDatabase(config);
      const jobs = await createJobQueue(database);
      // Emails (KEV notifications) stay queued here; `mitra serve` or a worker sends them.
      const ctx: AppContext = { database, db: database.db, config, jobs };
      const interactive = Boolean(process.stderr.isTTY);
      const bar = interactive
        ? new cliProgress.SingleBar(
            { stream: process.stderr, format: '{file} [{bar}] {value}/{total}', hideCursor: true, clearOnComplete: true },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
      const totals = { files: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, skipped: 0, refused: 0 };
      try {
        for (const file of files) {
          const label = path.relative(process.cwd(), file) || file;
          let input: { fileName: string; text: string };
          try {
            input = decodeFeedBytes(path.basename(file), fs.readFileSync(file));
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            input = { fileName: path.basename(file), text: '' };
          }
          if (!input.text || !detectFormat(input.fileName, input.text)) {
            console.log(`${label}: skipped, not a vulnerability feed.`);
            if (named.has(file)) totals.refused += 1;
            else totals.skipped += 1;
            continue;
          }
          if (!interactive) console.error(`Importing ${label}…`);
          let started = false;
          let report: ImportReport;
          try {
            report = await importFeedFile(ctx, { system: 'mitra import' }, input, (done, total) => {
              if (!bar) return;
              if (!started) bar.start(total, done, { file: path.basename(file) });
              else bar.update(done);
              started = true;
            });
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            console.log(`${label}: skipped, ${error.message}`);
            if (named.has(file)) totals.refused += 1;
            else totals.skipped += 1;
            continue;
          } finally {
            if (started) bar?.stop();
          }
          totals.files += 1;
          totals.inserted += report.inserted;
          totals.updated += report.updated;
          totals.unchanged += report.unchanged;
          totals.rejected += report.rejected;
          console.log(`${label}: ${describe(report)}`);
          for (const problem of report.problems.slice(0, problemsShown)) console.log(`  problem at ${problem.location}: ${problem.message}`);
          if (report.problems.length > problemsShown) console.log(`  …and ${report.problems.length - problemsShown} more problems.`);
        }
      } finally {
        await jobs.stop();
        await database.close();
      }
      const skipped = totals.skipped + totals.refused;
      console.log(
        `Imported ${totals.files} ${totals.files === 1 ? 'file' : 'files'}: ${totals.inserted} new, ${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.rejected} rejected` +
          (skipped ? `; ${skipped} ${skipped === 1 ? 'file' : 'files'} skipped (not feeds).` : '.'),
      );
      if (totals.refused) process.exitCode = 1;
    });
}
