import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { rematchAssets } from '../../modules/exposure/matching.js';
import { importFeedFile } from '../../modules/feeds/service.js';
import type { AppContext } from '../../server/context.js';
import { inTransaction } from '../../server/transaction.js';
import { assetComponents, assets, users, type AssetFields, type ComponentFields } from '../schema/index.js';

/**
 * The exposure part of the demo: the sample vulnerability feeds shipped in data/reference (real NVD
 * responses, CISA ICS advisories and the KEV catalogue, see their SOURCES.md) and a small technology
 * inventory for Jakarta's demo city staff, so that signing in as jakarta@ shows exposures with a
 * KEV-listed one first. Da Nang's inventory is left empty for a newcomer to import.
 */
export const demoFeedFolder = path.join(import.meta.dirname, '../../../data/reference/vulnerability-feeds');
const DEMO_INVENTORY_OWNER = 'jakarta@demo.mitra.example';
const DEMO_INVENTORY_CITY = 'dki-jakarta';

type DemoAsset = Omit<AssetFields, 'notes'> & { components: (Omit<ComponentFields, 'cpes'> & { cpes?: string[] })[] };

const demoAssets: DemoAsset[] = [
  {
    name: 'Flood pump station remote access gateways',
    system: 'water',
    quantity: 14,
    location: 'North Jakarta pump stations',
    ownerDepartment: 'Water Resources Agency',
    criticality: 'critical',
    internetExposed: true,
    components: [{ kind: 'firmware', vendor: 'Siemens', product: 'SCALANCE LPE9403', version: 'V1.1' }],
  },
  {
    name: 'City email server',
    system: 'city_services',
    quantity: 1,
    location: 'City Hall data centre',
    ownerDepartment: 'Communication, Informatics and Statistics Agency',
    criticality: 'high',
    internetExposed: true,
    components: [{ kind: 'application', vendor: 'Microsoft', product: 'Exchange Server', version: '2019 CU8', cpes: ['cpe:2.3:a:microsoft:exchange_server:2019:cumulative_update_8:*:*:*:*:*:*'] }],
  },
  {
    name: 'Area traffic signal controllers',
    system: 'traffic',
    quantity: 120,
    location: 'Central and South Jakarta corridors',
    ownerDepartment: 'Transportation Agency',
    criticality: 'high',
    internetExposed: false,
    components: [{ kind: 'firmware', vendor: 'Econolite', product: 'EOS', version: '3.2.10' }],
  },
  {
    name: 'Command centre core switch',
    system: 'network',
    quantity: 2,
    location: 'Jakarta Smart City command centre',
    ownerDepartment: 'Jakarta Smart City',
    criticality: 'high',
    internetExposed: false,
    components: [{ kind: 'firmware', vendor: 'Siemens', product: 'SCALANCE XCM332 (6GK5332-0GA01-2AC2)', version: 'V2.1' }],
  },
  {
    name: 'Substation power meters',
    system: 'energy',
    quantity: 36,
    location: 'Municipal buildings',
    ownerDepartment: 'Industry and Energy Agency',
    criticality: 'medium',
    internetExposed: false,
    components: [{ kind: 'firmware', vendor: 'Schneider Electric', product: 'PowerLogic ION9000', version: '3.2.0' }],
  },
  {
    name: 'Sluice gate field switches',
    system: 'network',
    quantity: 40,
    location: 'Flood canal sluice gates',
    ownerDepartment: 'Water Resources Agency',
    criticality: 'medium',
    internetExposed: false,
    components: [
      { kind: 'hardware', vendor: 'Moxa', product: 'EDS-510E', version: '' },
      { kind: 'firmware', vendor: 'Moxa', product: 'EDS-510E Series firmware', version: '5.1' },
    ],
  },
];

/** The feed files to import: every NVD, CSAF and KEV sample (the CVE 5 files are the format's made-up examples). */
export function demoFeedFiles(): string[] {
  return ['nvd', 'csaf', 'kev']
    .flatMap((folder) => fs.readdirSync(path.join(demoFeedFolder, folder)).map((name) => path.join(demoFeedFolder, folder, name)))
    .filter((file) => file.endsWith('.json') && !file.endsWith('_schema.json'))
    .sort();
}

/** Imports the sample feeds and Jakarta's demo inventory, then matches them. Run once, right after the demo dataset is loaded. */
export async function loadDemoExposure(ctx: AppContext): Promise<{ feeds: number; assets: number }> {
  const files = demoFeedFiles();
  for (const file of files) {
    await importFeedFile(ctx, { system: 'demo dataset' }, { fileName: path.basename(file), text: fs.readFileSync(file, 'utf8') });
  }
  const [owner] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_INVENTORY_OWNER));
  if (!owner) return { feeds: files.length, assets: 0 };
  await inTransaction(ctx, async (tx, after) => {
    const ids: string[] = [];
    for (const asset of demoAssets) {
      const { components, ...fields } = asset;
      const [row] = await tx
        .insert(assets)
        .values({ ...fields, cityId: DEMO_INVENTORY_CITY, createdBy: owner.id, updatedBy: owner.id })
        .returning({ id: assets.id });
      await tx.insert(assetComponents).values(components.map((c, position) => ({ ...c, cpes: c.cpes ?? [], assetId: row!.id, position })));
      ids.push(row!.id);
    }
    await rematchAssets(ctx, tx, ids, after);
  });
  return { feeds: files.length, assets: demoAssets.length };
}
