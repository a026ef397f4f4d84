/** The CISA Known Exploited Vulnerabilities catalogue (JSON). */
import type { FeedProblem, KevEntry, ParsedFeed } from '../model.js';
import { CVE_ID, eachRecord, isObject, need, RecordProblem, text, type Json } from './common.js';

export const isKev = (json: Json) =>
  typeof json.catalogVersion === 'string' && Array.isArray(json.vulnerabilities) && (json.vulnerabilities.length === 0 || (isObject(json.vulnerabilities[0]) && 'cveID' in json.vulnerabilities[0]));

export function parseKev(json: Json): ParsedFeed {
  const problems: FeedProblem[] = [];
  const items = Array.isArray(json.vulnerabilities) ? json.vulnerabilities : [];
  const entries = eachRecord<unknown, KevEntry>(
    items,
    (item, i) => `vulnerabilities[${i}]${isObject(item) && text(item.cveID) ? ` (${text(item.cveID)})` : ''}`,
    problems,
    (item) => {
      if (!isObject(item)) throw new RecordProblem('is not an object');
      const cveId = need(text(item.cveID), 'cveID is missing');
      if (!CVE_ID.test(cveId)) throw new RecordProblem(`cveID '${cveId}' is not a CVE id`);
      return {
        cveId,
        vendor: text(item.vendorProject) ?? '',
        product: text(item.product) ?? '',
        name: text(item.vulnerabilityName) ?? '',
        dateAdded: need(text(item.dateAdded), 'dateAdded is missing'),
        dueDate: text(item.dueDate) ?? '',
        requiredAction: text(item.requiredAction) ?? '',
        knownRansomwareCampaignUse: text(item.knownRansomwareCampaignUse) ?? 'Unknown',
      };
    },
  );
  const catalogVersion = text(json.catalogVersion);
  const publishedAt = text(json.dateReleased);
  return { format: 'kev', entries, problems, ...(catalogVersion ? { catalogVersion } : {}), ...(publishedAt ? { publishedAt } : {}) };
}
