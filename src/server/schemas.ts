import { z } from 'zod';

/** A web address people will click: http or https only (never javascript: or data:). */
export const webAddressSchema = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((value) => /^https?:\/\//i.test(value), 'must start with http:// or https://');
