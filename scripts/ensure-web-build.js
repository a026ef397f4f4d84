#!/usr/bin/env node
// Builds the web app when dist/web is missing or older than its sources, so `npm start` always serves the current UI.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const built = path.resolve('dist/web/index.html');
const sources = [path.resolve('src/web'), path.resolve('vite.config.ts'), path.resolve('package-lock.json')];

function newestMtime(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
if (builtAt < Math.max(...sources.filter((s) => fs.existsSync(s)).map(newestMtime))) {
  console.log('Building the web app…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
}
