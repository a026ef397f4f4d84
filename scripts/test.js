#!/usr/bin/env node
// `npm test`: everything a change can break, in order — types, lint, unit and integration tests
// (PGlite, plus PostgreSQL when TEST_DATABASE_URL is set), then browser journeys in Chromium.
// MITRA_REQUIRE_ALL_TESTS=1 (CI) turns a skipped PostgreSQL or browser run into a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const requireAll = process.env.MITRA_REQUIRE_ALL_TESTS === '1';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const resultsDir = path.resolve('.test-tmp');
fs.mkdirSync(resultsDir, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) problems.push(`${label} failed`);
  return result.status === 0;
}

function vitest(label, args, reportName) {
  const report = path.join(resultsDir, `${reportName}.json`);
  fs.rmSync(report, { force: true });
  run(label, 'npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
  } else {
    totals.failed += 1;
  }
}

run('type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('lint', 'npx', ['eslint', '.']);

if (!process.env.TEST_DATABASE_URL) {
  const message = 'PostgreSQL tests skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run the suite on PostgreSQL too.';
  console.log(`\n⚠ ${message}`);
  if (requireAll) problems.push(message);
}
vitest('unit and integration tests', [], 'unit-integration');

if (fs.existsSync(chromium)) {
  run('web build', 'node', ['scripts/ensure-web-build.js']);
  vitest('browser journeys (Chromium)', ['--config', 'vitest.e2e.config.ts'], 'e2e');
} else {
  const message = `Browser tests skipped: no Chromium at ${chromium} (apt-get install -y chromium).`;
  console.log(`\n⚠ ${message}`);
  if (requireAll) problems.push(message);
}

console.log('\n' + (problems.length ? `✗ ${problems.join('; ')}` : '✓ all checks passed'));
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(problems.length || totals.failed ? 1 : 0);
