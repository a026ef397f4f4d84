/**
 * Feed files: which format a file is (by content; the name only breaks ties) and its parse into the
 * shared model. A file is refused only when it is not a feed or not readable at all; a malformed record
 * inside is reported in `problems` and skipped while the rest import.
 */
import type { FeedFormat, ParsedFeed } from '../model.js';
import { isObject, type Json } from './common.js';
import { isCsaf, parseCsaf } from './csaf.js';
import { isCve5Record, parseCve5 } from './cve5.js';
import { isEpss, parseEpss } from './epss.js';
import { isKev, parseKev } from './kev.js';
import { isNvd, parseNvd } from './nvd.js';

function formatOfJson(json: unknown): FeedFormat | undefined {
  if (Array.isArray(json)) return json.length > 0 && json.every(isCve5Record) ? 'cve5' : undefined;
  if (!isObject(json)) return undefined;
  if (isKev(json)) return 'kev';
  if (isNvd(json)) return 'nvd';
  if (isCve5Record(json)) return 'cve5';
  if (isCsaf(json)) return 'csaf';
  return undefined;
}

function readJson(text: string): { ok: true; json: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, json: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    return { ok: false, error: `not valid JSON (${(error as Error).message})` };
  }
}

const looksLikeJson = (text: string) => /^\uFEFF?\s*[[{]/.test(text);

/** The feed format of a file, or undefined when it is none of them (a schema, an index, notes). */
export function detectFormat(fileName: string, text: string): FeedFormat | undefined {
  if (looksLikeJson(text)) {
    const read = readJson(text);
    return read.ok ? formatOfJson(read.json) : undefined;
  }
  return isEpss(text) || (/\.csv$/i.test(fileName) && /^#?\s*model_version/i.test(text)) ? 'epss' : undefined;
}

export function parseFeed(fileName: string, text: string): { ok: true; feed: ParsedFeed } | { ok: false; error: string } {
  if (!looksLikeJson(text)) {
    if (detectFormat(fileName, text) === 'epss') return { ok: true, feed: parseEpss(text) };
    return { ok: false, error: `${fileName} is not a vulnerability feed (NVD, CVE 5, CSAF, KEV JSON or EPSS CSV)` };
  }
  const read = readJson(text);
  if (!read.ok) return { ok: false, error: `${fileName} is ${read.error}` };
  const format = formatOfJson(read.json);
  switch (format) {
    case 'nvd':
      return { ok: true, feed: parseNvd(read.json as Json) };
    case 'cve5':
      return { ok: true, feed: parseCve5(read.json as Json | unknown[]) };
    case 'csaf':
      return { ok: true, feed: parseCsaf(read.json as Json) };
    case 'kev':
      return { ok: true, feed: parseKev(read.json as Json) };
    default:
      return { ok: false, error: `${fileName} is JSON but not a vulnerability feed (NVD CVE API 2.0, CVE JSON 5, CSAF 2.0 or the KEV catalogue)` };
  }
}
