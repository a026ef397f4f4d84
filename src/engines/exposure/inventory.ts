/**
 * The inventory file of `mitra exposure match`: `{ "assets": [{ id, vendor?, product?, version?,
 * cpes?, components?: [{ id?, vendor?, product?, version?, cpes? }] }] }`. A flat asset is one
 * component; `components` add more (hardware + firmware). Every problem is listed by asset id.
 */
import { parseCpe } from '../cpe/cpe.js';
import type { MatchAsset, MatchComponent } from './model.js';
import { isObject, type Json } from './feeds/common.js';

export type InventoryResult = { ok: true; assets: MatchAsset[] } | { ok: false; problems: string[] };

function component(value: Json, where: string, problems: string[]): MatchComponent | undefined {
  const out: MatchComponent = { cpes: [] };
  for (const field of ['id', 'vendor', 'product', 'version'] as const) {
    const v = value[field];
    if (v === undefined || v === null) continue;
    if (typeof v === 'number' && field === 'version') out.version = String(v);
    else if (typeof v !== 'string') problems.push(`${where}: ${field} must be a string`);
    else out[field] = v;
  }
  if (value.cpes !== undefined) {
    if (!Array.isArray(value.cpes)) problems.push(`${where}: cpes must be a list of CPE 2.3 strings`);
    else
      for (const cpe of value.cpes) {
        const parsed = typeof cpe === 'string' ? parseCpe(cpe) : { ok: false as const, error: 'is not a string' };
        if (parsed.ok) out.cpes.push(cpe as string);
        else problems.push(`${where}: malformed CPE ${JSON.stringify(cpe)}: ${parsed.error}`);
      }
  }
  return out.vendor || out.product || out.version || out.cpes.length ? out : undefined;
}

export function parseInventory(text: string): InventoryResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`the inventory is not valid JSON (${(error as Error).message})`] };
  }
  if (!isObject(json) || !Array.isArray(json.assets)) return { ok: false, problems: ['the inventory must be an object with a list "assets"'] };
  const problems: string[] = [];
  const assets: MatchAsset[] = [];
  const seen = new Set<string>();
  json.assets.forEach((raw, i) => {
    if (!isObject(raw)) return problems.push(`assets[${i}] is not an object`);
    const id = typeof raw.id === 'number' ? String(raw.id) : typeof raw.id === 'string' ? raw.id.trim() : '';
    if (!id) return problems.push(`assets[${i}] has no id`);
    if (seen.has(id)) problems.push(`duplicate asset id "${id}"`);
    seen.add(id);
    const where = `asset "${id}"`;
    const components: MatchComponent[] = [];
    // The asset's own fields are its first component; its id names the asset, not the component.
    const flat = component({ ...raw, id: undefined }, where, problems);
    if (flat) components.push(flat);
    if (raw.components !== undefined) {
      if (!Array.isArray(raw.components)) problems.push(`${where}: components must be a list`);
      else
        raw.components.forEach((c, j) => {
          if (!isObject(c)) return problems.push(`${where}: components[${j}] is not an object`);
          const parsed = component(c, `${where} components[${j}]`, problems);
          if (parsed) components.push(parsed);
        });
    }
    assets.push({ id, components });
  });
  return problems.length ? { ok: false, problems } : { ok: true, assets };
}
