import { z } from 'zod';
import { memberRoles, organisationKinds } from '../../db/schema/accounts.js';

export const emailSchema = z.string().trim().toLowerCase().email().max(254);
/** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const newPasswordSchema = z.string().min(10, 'must be at least 10 characters').max(200);

export const signInBodySchema = z.strictObject({ email: emailSchema, password: z.string().min(1).max(200) });

export const sessionActorSchema = z.object({
  userId: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(memberRoles),
  organisation: z.object({
    id: z.string().uuid(),
    name: z.string(),
    kind: z.enum(organisationKinds),
    cityId: z.string().nullable(),
    countryCode: z.string().nullable(),
  }),
  unreadNotifications: z.number().int(),
});
export const sessionResponseSchema = z.object({ actor: sessionActorSchema.nullable() });

export const passwordResetRequestBodySchema = z.strictObject({ email: emailSchema });
export const tokenSchema = z.string().min(20).max(200);
export const passwordResetBodySchema = z.strictObject({ token: tokenSchema, password: newPasswordSchema });
export const acceptInvitationBodySchema = z.strictObject({
  token: tokenSchema,
  password: newPasswordSchema,
  name: z.string().trim().min(1).max(200).optional(),
});
export const invitationQuerySchema = z.strictObject({ token: tokenSchema });
export const invitationInfoSchema = z.object({
  email: z.string(),
  name: z.string(),
  organisationName: z.string(),
  /** Who sent the invitation; null when that person's account has since been removed. */
  invitedBy: z.object({ name: z.string(), organisationName: z.string() }).nullable(),
  expiresAt: z.string(),
});
export const firstAdminBodySchema = z.strictObject({
  code: z.string().trim().min(6).max(100),
  name: z.string().trim().min(1).max(200),
  email: emailSchema,
  password: newPasswordSchema,
});
export const setupStatusSchema = z.object({ needsFirstAdmin: z.boolean() });
export const okSchema = z.object({ ok: z.literal(true) });
