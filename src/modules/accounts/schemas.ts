import { z } from 'zod';
import { memberRoles, organisationKinds, userStatuses } from '../../db/schema/accounts.js';
import { cursorSchema, limitSchema, pageSchema } from '../../server/pagination.js';
import { webAddressSchema } from '../../server/schemas.js';
import { emailSchema, newPasswordSchema } from '../auth/schemas.js';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const urlOrNull = webAddressSchema.nullable().optional();

export const organisationIdParamsSchema = z.strictObject({ organisationId: z.string().uuid() });
export const memberParamsSchema = z.strictObject({ organisationId: z.string().uuid(), userId: z.string().uuid() });

export const organisationSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: z.enum(organisationKinds),
  cityId: z.string().nullable(),
  countryCode: z.string().nullable(),
  website: z.string().nullable(),
  description: z.string().nullable(),
  isDemo: z.boolean(),
  memberCount: z.number().int(),
});

export const memberSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  title: z.string().nullable(),
  role: z.enum(memberRoles),
  status: z.enum(userStatuses),
});

export const organisationDetailSchema = organisationSchema.extend({
  members: z.array(memberSchema),
  canManage: z.boolean(),
});

export const listOrganisationsQuerySchema = z.strictObject({
  kind: z.enum(organisationKinds).optional(),
  q: z.string().trim().max(100).optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export const organisationPageSchema = pageSchema(organisationSchema);

export const createOrganisationBodySchema = z.strictObject({
  name: z.string().trim().min(2).max(200),
  kind: z.enum(organisationKinds),
  cityId: z.string().max(100).nullable().optional(),
  countryCode: z.string().length(2).toUpperCase().nullable().optional(),
  website: urlOrNull,
  description: optionalText(2000),
});

export const updateOrganisationBodySchema = z.strictObject({
  name: z.string().trim().min(2).max(200).optional(),
  website: urlOrNull,
  description: optionalText(2000),
});

export const inviteBodySchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1).max(200),
  title: optionalText(200),
  role: z.enum(memberRoles).default('member'),
});

export const updateMemberBodySchema = z.strictObject({
  role: z.enum(memberRoles).optional(),
  status: z.enum(['active', 'disabled']).optional(),
});

export const profileSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  title: z.string().nullable(),
  role: z.enum(memberRoles),
  emailNotifications: z.boolean(),
  organisation: z.object({ id: z.string().uuid(), name: z.string(), kind: z.enum(organisationKinds) }),
});

export const updateProfileBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  title: optionalText(200),
  emailNotifications: z.boolean().optional(),
});

export const changePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: newPasswordSchema,
});
