import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';

/**
 * Fills a migrated, seeded database with `count` generated SCAP projects in one INSERT … SELECT:
 * spread over the 31 cities, 6 focus areas and 3 statuses, about half public, 30 % partnership and
 * 20 % restricted. Choices come from hashtext(), so every run generates the same rows, and the
 * columns vary independently of each other (i % 31, i % 6 and i % 3 would be correlated).
 */
export async function generateProjects(database: Database, count: number): Promise<void> {
  const pick = (salt: string, n: number) => sql.raw(`(1 + abs(hashtext('${salt}' || i)) % ${n})`);
  await database.db.execute(sql`
    INSERT INTO scap_projects
      (city_id, title, focus_area_id, description, status, start_year, end_year, budget_minor, budget_currency, partners, visibility, created_at, updated_at)
    SELECT
      c.ids[1 + i % array_length(c.ids, 1)],
      (ARRAY['Smart', 'Integrated', 'Digital', 'Green', 'Resilient', 'Connected', 'Adaptive', 'Open'])[${pick('adjective', 8)}]
        || ' ' || subject.name || ' phase ' || i,
      f.ids[${pick('focus', 6)}],
      'Generated benchmark project ' || i || ': ' || subject.name || ' for the city, with sensors, a data platform and training for staff.',
      (ARRAY['planning', 'ongoing', 'completed'])[${pick('status', 3)}],
      2015 + ${pick('start', 12)},
      2027 + ${pick('end', 6)},
      CASE WHEN i % 4 = 0 THEN (abs(hashtext('budget' || i)) % 1000000)::bigint * 10000 END,
      CASE WHEN i % 4 = 0 THEN 'USD' END,
      CASE WHEN i % 5 = 0 THEN ARRAY['Department of Transport'] ELSE '{}'::text[] END,
      (ARRAY['public', 'public', 'public', 'public', 'public', 'partnership', 'partnership', 'partnership', 'restricted', 'restricted'])[${pick('visibility', 10)}],
      now() - make_interval(mins => i),
      now() - make_interval(mins => i)
    FROM generate_series(1, ${count}::int) AS g(i)
    CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM cities) c
    CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM focus_areas) f
    CROSS JOIN LATERAL (
      SELECT (ARRAY['traffic signals', 'flood warning', 'water metering', 'street lighting', 'waste collection', 'bus rapid transit',
                    'air quality sensors', 'health records', 'land registry', 'cyber baseline', 'school connectivity',
                    'energy management', 'disaster response', 'parking guidance', 'tourism portal'])[${pick('subject', 15)}] AS name
    ) subject
  `);
  // Plans depend on statistics; a real database would have had autovacuum run by now.
  await database.db.execute(sql`VACUUM ANALYZE scap_projects`);
}
