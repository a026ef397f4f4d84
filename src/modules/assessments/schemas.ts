import { z } from 'zod';

/* ---- The CSF 2.0 core and the scales every assessment states ---- */

export const csfSubcategorySchema = z.object({ id: z.string(), text: z.string() });
export const csfCategorySchema = z.object({ id: z.string(), name: z.string(), description: z.string(), subcategories: z.array(csfSubcategorySchema) });
export const csfFunctionSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), categories: z.array(csfCategorySchema) });
export const csfCoreSchema = z.object({
  version: z.literal('2.0'),
  functions: z.array(csfFunctionSchema),
  levels: z.array(z.object({ level: z.number().int(), name: z.string() })),
  tiers: z.array(z.object({ tier: z.number().int(), name: z.string() })),
  source: z.string(),
});
