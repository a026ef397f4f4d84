import { z } from 'zod';

export const documentIdParamsSchema = z.strictObject({ documentId: z.string().uuid() });
export const documentSchema = z.object({
  id: z.string().uuid(),
  ownerType: z.string(),
  ownerId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export const documentListSchema = z.object({ items: z.array(documentSchema), canUpload: z.boolean() });
