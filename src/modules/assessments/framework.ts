import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CsfCategory, CsfCore, CsfFunction } from '../../engines/csf/gaps.js';

/**
 * The NIST CSF 2.0 core (6 functions, 22 categories, 106 subcategories), read once from the reference
 * file copied from NIST's OSCAL catalog. It is the same for every city and never changes at run time,
 * so it stays a file rather than tables.
 */
const corePath = fileURLToPath(new URL('../../../data/reference/csf-2.0/csf-2.0-core.json', import.meta.url));

let loaded: CsfCore | null = null;

export function csfCore(): CsfCore {
  if (!loaded) {
    const raw = JSON.parse(fs.readFileSync(corePath, 'utf8')) as { functions: CsfFunction[] };
    loaded = {
      functions: raw.functions.map((fn) => ({
        id: fn.id,
        name: fn.name,
        description: fn.description,
        categories: fn.categories.map((category: CsfCategory) => ({
          id: category.id,
          name: category.name,
          description: category.description,
          subcategories: category.subcategories.map((sub) => ({ id: sub.id, text: sub.text })),
        })),
      })),
    };
  }
  return loaded;
}

let categoryIndex: Map<string, CsfCategory & { functionId: string }> | null = null;
let subcategoryIndex: Map<string, { id: string; text: string; categoryId: string; functionId: string }> | null = null;

export function csfCategory(id: string) {
  categoryIndex ??= new Map(csfCore().functions.flatMap((fn) => fn.categories.map((c) => [c.id, { ...c, functionId: fn.id }] as const)));
  return categoryIndex.get(id);
}

export function csfSubcategory(id: string) {
  subcategoryIndex ??= new Map(
    csfCore().functions.flatMap((fn) =>
      fn.categories.flatMap((c) => c.subcategories.map((s) => [s.id, { ...s, categoryId: c.id, functionId: fn.id }] as const)),
    ),
  );
  return subcategoryIndex.get(id);
}

/** The ids among `ids` that are not CSF 2.0 categories (for clear validation errors). */
export function unknownCategoryIds(ids: readonly string[]): string[] {
  return ids.filter((id) => !csfCategory(id));
}

export const tierNames: Record<number, string> = { 1: 'Partial', 2: 'Risk Informed', 3: 'Repeatable', 4: 'Adaptive' };

export const levelNames: Record<number, string> = {
  0: 'Not in place',
  1: 'Initial, ad hoc',
  2: 'Partly in place',
  3: 'In place across the scope',
  4: 'In place, measured and reviewed',
};
