import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';

/**
 * Fills a migrated, seeded database with `count` published public practices in one INSERT … SELECT
 * (the `search_vector` column is GENERATED ALWAYS … STORED, so PostgreSQL computes it per row).
 * Choices come from hashtext(), so every run generates the same texts. Terms with known frequencies:
 *
 * - `data`: in about half of the bodies (a common term);
 * - each of the 16 subjects (`flood warning`, `drainage mapping`…): in about 1/16 of the titles and summaries;
 * - `sensors`: in about a quarter of the bodies;
 * - `mangrove`: in the body of one practice in 10,000 (a rare term).
 */
export async function generatePractices(database: Database, organisationId: string, count: number): Promise<void> {
  const pick = (salt: string, n: number) => sql.raw(`(1 + abs(hashtext('${salt}' || i)) % ${n})`);
  await database.db.execute(sql`
    INSERT INTO practices
      (kind, title, summary, body, focus_area_id, city_id, language, status, visibility, organisation_id, published_at, created_at, updated_at)
    SELECT
      (ARRAY['case_study', 'toolkit', 'guide', 'blueprint'])[${pick('kind', 4)}],
      (ARRAY['Smart', 'Integrated', 'Digital', 'Green', 'Resilient', 'Connected', 'Adaptive', 'Open'])[${pick('adjective', 8)}]
        || ' ' || subject.name || ' ' || (ARRAY['programme', 'pilot', 'toolkit', 'playbook', 'roll-out', 'partnership'])[${pick('noun', 6)}] || ' ' || i,
      'How a city delivered ' || subject.name || ' with ' ||
        (ARRAY['local universities', 'private operators', 'community groups', 'national agencies', 'development banks', 'start-ups'])[${pick('partner', 6)}]
        || ', and what it cost.',
      '## Context' || E'\n\n' ||
        (ARRAY['The city faced rapid growth and ageing networks.', 'Residents asked for faster public services.',
               'Seasonal storms disrupted daily life every year.', 'Budgets were tight and staff were few.'])[${pick('context', 4)}] || E'\n\n' ||
        '## Approach' || E'\n\n' ||
        (CASE WHEN ${pick('data', 2)} = 1 THEN 'A shared data platform joined the departments and published open data weekly.'
              ELSE 'The departments met monthly and agreed on common procurement rules.' END) || ' ' ||
        (CASE WHEN ${pick('sensors', 4)} = 1 THEN 'Low-cost sensors were installed along the main corridors.'
              ELSE 'Field teams surveyed the main corridors by hand.' END) || ' ' ||
        (ARRAY['Training covered operators and managers.', 'A helpdesk answered questions from residents.',
               'Contracts rewarded measured outcomes.', 'Pilots ran in two districts before the roll-out.'])[${pick('approach', 4)}] || E'\n\n' ||
        (CASE WHEN i % 10000 = 7 THEN 'Mangrove restoration along the estuary reduced storm surge damage. ' ELSE '' END) ||
        '## Results' || E'\n\n' ||
        (ARRAY['Response times fell by a third.', 'Energy use dropped noticeably within a year.',
               'Complaints halved after the first season.', 'The approach was copied by three neighbouring cities.'])[${pick('result', 4)}],
      f.ids[1 + abs(hashtext('focus' || i)) % array_length(f.ids, 1)],
      CASE WHEN i % 10 = 0 THEN NULL ELSE c.ids[1 + i % array_length(c.ids, 1)] END,
      'en', 'published', 'public', ${organisationId}::uuid,
      now() - make_interval(mins => i), now() - make_interval(mins => i), now() - make_interval(mins => i)
    FROM generate_series(1, ${count}::int) AS g(i)
    CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM cities) c
    CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM focus_areas) f
    CROSS JOIN LATERAL (
      SELECT (ARRAY['flood warning', 'water metering', 'street lighting', 'waste collection', 'bus rapid transit', 'air quality monitoring',
                    'health records', 'land registry', 'cyber security', 'school connectivity', 'energy management', 'disaster response',
                    'parking guidance', 'tourism portal', 'traffic signals', 'drainage mapping'])[${pick('subject', 16)}] AS name
    ) subject
  `);
  // Plans depend on statistics; a real database would have had autovacuum run by now.
  await database.db.execute(sql`VACUUM ANALYZE practices`);
}
