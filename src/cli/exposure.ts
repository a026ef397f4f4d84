/**
 * `mitra exposure match --inventory inventory.json --feed PATH [--feed PATH ...]`: matches an inventory
 * against vulnerability feed files (no database). Prints `{ matches: [...] }` JSON on standard output;
 * warnings (files that are not feeds, malformed records skipped) go to standard error.
 */
import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { parseFeed } from '../engines/exposure/feeds/index.js';
import { parseInventory } from '../engines/exposure/inventory.js';
import { ExposureIndex, matchAll } from '../engines/exposure/matcher.js';

/** A mistake in the input: reported as a message with a non-zero exit, no stack trace. */
class ExposureInputError extends Error {}

/** The files under each path (directories recursively), in a stable order. */
function feedFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const visit = (p: string) => {
    const stat = fs.statSync(p);
    if (!stat.isDirectory()) return void files.push(p);
    for (const name of fs.readdirSync(p).sort()) visit(path.join(p, name));
  };
  for (const p of paths) {
    if (!fs.existsSync(p)) throw new ExposureInputError(`No file or directory at ${p}: give feed files or directories of them with --feed.`);
    visit(p);
  }
  return files;
}

function runMatch(options: { inventory: string; feed: string[] }) {
  if (!fs.existsSync(options.inventory)) throw new ExposureInputError(`No file at ${options.inventory}: give the path of an inventory (JSON).`);
  const inventory = parseInventory(fs.readFileSync(options.inventory, 'utf8'));
  if (!inventory.ok) throw new ExposureInputError(`Invalid inventory ${options.inventory} (${inventory.problems.length} problems):\n  ${inventory.problems.join('\n  ')}`);
  const index = new ExposureIndex();
  const kev = new Set<string>();
  let feeds = 0;
  for (const file of feedFiles(options.feed)) {
    const parsed = parseFeed(path.basename(file), fs.readFileSync(file, 'utf8'));
    if (!parsed.ok) {
      console.error(`Skipped ${file}: ${parsed.error}`);
      continue;
    }
    feeds++;
    const { feed } = parsed;
    for (const problem of feed.problems) console.error(`${file}: ${problem.location}: ${problem.message} (skipped)`);
    if (feed.format === 'kev') for (const entry of feed.entries) kev.add(entry.cveId);
    else if (feed.format !== 'epss') for (const record of feed.records) index.upsert(record);
  }
  if (feeds === 0) throw new ExposureInputError('None of the --feed paths holds a vulnerability feed (NVD, CVE 5, CSAF, KEV or EPSS).');
  const matches = matchAll(inventory.assets, index, kev);
  process.stdout.write(JSON.stringify({ matches }, null, 2) + '\n');
  const affected = matches.filter((m) => m.status === 'affected').length;
  console.error(`${inventory.assets.length} assets against ${index.size} vulnerability records from ${feeds} feeds: ${affected} affected, ${matches.length - affected} unknown.`);
}

export function registerExposureCommands(program: Command): void {
  const exposure = program.command('exposure').description('Vulnerability exposure of a technology inventory (no database needed)');
  exposure
    .command('match')
    .description('Match an inventory (JSON) against vulnerability feeds (NVD, CVE 5, CSAF, KEV) and print the matches as JSON')
    .requiredOption('--inventory <file>', 'the inventory: { "assets": [{ "id", "vendor", "product", "version", "cpes", "components" }] }')
    .requiredOption('--feed <path>', 'a feed file or a directory of them (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
    .action((options: { inventory: string; feed: string[] }) => {
      try {
        runMatch(options);
      } catch (error) {
        if (!(error instanceof ExposureInputError)) throw error;
        console.error(error.message);
        process.exitCode = 1;
      }
    });
}
