import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { cities, countries, focusAreas, strategicOutcomes } from '../schema/index.js';

const referenceDir = fileURLToPath(new URL('../../../data/reference/', import.meta.url));
const readJson = (file: string) => JSON.parse(fs.readFileSync(referenceDir + file, 'utf8'));

type ReferenceCity = {
  id: string;
  name: string;
  country: string;
  iso2: string;
  lat: number | null;
  lon: number | null;
  yearJoined: number;
  membership: 'pilot-2018' | 'joined-2023' | 'joined-2024';
  geonamesId: number | null;
};

/** Timor-Leste joined ASEAN as its eleventh member in October 2025; the United States is the partner. */
const extraCountries = [
  { code: 'TL', name: 'Timor-Leste', isAseanMember: true },
  { code: 'US', name: 'United States', isAseanMember: false },
];

/**
 * Loads the reference data: countries, the 31 verified ASCN cities and the framework. Idempotent:
 * reference facts are updated in place, and a city's profile (edited in Mitra) is never touched.
 */
export async function seedReferenceData(db: Db): Promise<{ countries: number; cities: number; focusAreas: number }> {
  const network = readJson('ascn-cities.json') as { cities: ReferenceCity[] };
  const framework = readJson('asean-smart-cities-framework.json') as {
    strategicOutcomes: { id: string; name: string; description: string }[];
    focusAreas: { id: string; code: string; name: string; description: string }[];
  };
  const countryRows = new Map<string, { code: string; name: string; isAseanMember: boolean }>();
  for (const city of network.cities) countryRows.set(city.iso2, { code: city.iso2, name: city.country, isAseanMember: true });
  for (const extra of extraCountries) countryRows.set(extra.code, extra);

  await db.transaction(async (tx) => {
    await tx
      .insert(countries)
      .values([...countryRows.values()])
      .onConflictDoUpdate({ target: countries.code, set: { name: sql`excluded.name`, isAseanMember: sql`excluded.is_asean_member` } });
    await tx
      .insert(strategicOutcomes)
      .values(framework.strategicOutcomes.map(({ id, name, description }) => ({ id, name, description })))
      .onConflictDoUpdate({ target: strategicOutcomes.id, set: { name: sql`excluded.name`, description: sql`excluded.description` } });
    await tx
      .insert(focusAreas)
      .values(framework.focusAreas.map(({ id, code, name, description }) => ({ id, code, name, description })))
      .onConflictDoUpdate({ target: focusAreas.id, set: { code: sql`excluded.code`, name: sql`excluded.name`, description: sql`excluded.description` } });
    await tx
      .insert(cities)
      .values(
        network.cities.map((c) => ({
          id: c.id,
          name: c.name,
          countryCode: c.iso2,
          lat: c.lat,
          lon: c.lon,
          yearJoined: c.yearJoined,
          membership: c.membership,
          geonamesId: c.geonamesId,
        })),
      )
      .onConflictDoUpdate({
        target: cities.id,
        set: {
          name: sql`excluded.name`,
          countryCode: sql`excluded.country_code`,
          lat: sql`excluded.lat`,
          lon: sql`excluded.lon`,
          yearJoined: sql`excluded.year_joined`,
          membership: sql`excluded.membership`,
          geonamesId: sql`excluded.geonames_id`,
        },
      });
  });
  return { countries: countryRows.size, cities: network.cities.length, focusAreas: framework.focusAreas.length };
}
