import { z } from 'zod';
import type { AppContext } from '../../server/context.js';
import type { Api } from '../../server/http.js';
import { sendPdf } from '../../server/pdf.js';
import { certificatePdf, credentialForCode, describeIssuer, describeKey, revokeCertificate, verifyCertificate } from './certificates.js';
import { CREDENTIAL_MEDIA_TYPE } from './credentials.js';

const tags = ['training'];

/**
 * Codes are 60 random bits, so guessing is hopeless anyway; the limit keeps anyone from even trying
 * quickly, while a trainer checking a pile of certificates is not slowed.
 */
const publicRateLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } };

/** Credentials travel: verifiers and wallets in other sites' pages may fetch these public, cookie-free documents. */
const anyOrigin = { 'access-control-allow-origin': '*' };

export const certificateCodeParamsSchema = z.strictObject({ code: z.string().trim().min(1).max(40) });
export const certificateIdParamsSchema = z.strictObject({ id: z.string().uuid() });
export const certificateEnrolmentParamsSchema = z.strictObject({ enrolmentId: z.string().uuid() });
export const credentialQuerySchema = z.strictObject({ format: z.enum(['json', 'jwt']).default('json') });
export const revokeCertificateBodySchema = z.strictObject({ reason: z.string().trim().min(1, 'give the reason for revoking').max(1000) });

export const certificateVerificationSchema = z.object({
  status: z.enum(['valid', 'revoked', 'invalid']).describe('valid: issued, not revoked, signature checked; revoked; invalid: the stored credential failed its signature check'),
  verificationCode: z.string(),
  recipientName: z.string(),
  courseTitle: z.string(),
  cohortTitle: z.string(),
  deliveringOrganisationName: z.string(),
  completedOn: z.string().describe('YYYY-MM-DD'),
  issuedAt: z.string(),
  revokedOn: z.string().nullable().describe('YYYY-MM-DD; the reason is not public'),
  signature: z.object({ checked: z.literal(true), valid: z.boolean(), keyId: z.string().nullable(), algorithm: z.literal('EdDSA') }),
  credentialUrl: z.string(),
  issuerName: z.string(),
});

const jwkSchema = z.record(z.string(), z.unknown()).describe('A public JSON Web Key (Ed25519, OKP)');

export const issuerProfileSchema = z.object({
  '@context': z.array(z.string()),
  id: z.string(),
  type: z.array(z.string()),
  name: z.string(),
  url: z.string(),
  description: z.string(),
  verificationMethod: z.array(z.object({ id: z.string(), type: z.literal('JsonWebKey'), controller: z.string(), publicKeyJwk: jwkSchema })),
  jwks: z.object({ keys: z.array(jwkSchema) }),
});

export const revokedCertificateSchema = z.object({ id: z.string().uuid(), verificationCode: z.string(), revokedAt: z.string() });

export function registerCertificateRoutes(app: Api, ctx: AppContext): void {
  app.get('/api/v1/credentials/issuer', {
    config: { access: 'public' },
    schema: { tags, summary: 'The Open Badges issuer Profile of Mitra, with the public keys that verify its credentials', response: { 200: issuerProfileSchema } },
    handler: async (_request, reply) => {
      reply.headers({ ...anyOrigin, 'cache-control': 'public, max-age=60' });
      return describeIssuer(ctx);
    },
  });

  app.get('/api/v1/credentials/keys/:keyId', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'One public signing key as a JWK (the `kid` of a credential JWT points here)',
      params: z.strictObject({ keyId: z.string().trim().min(1).max(200) }),
      response: { 200: jwkSchema },
    },
    handler: async (request, reply) => {
      reply.headers({ ...anyOrigin, 'cache-control': 'public, max-age=3600' });
      return describeKey(ctx, request.params.keyId);
    },
  });

  app.get('/api/v1/certificates/:code/verification', {
    config: { access: 'public', ...publicRateLimit },
    schema: {
      tags,
      summary: 'Verify a certificate by its code: valid or revoked, what it certifies, and the signature check',
      params: certificateCodeParamsSchema,
      response: { 200: certificateVerificationSchema },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return verifyCertificate(ctx, request.params.code);
    },
  });

  app.get('/api/v1/certificates/:code/credential', {
    config: { access: 'public', ...publicRateLimit },
    schema: {
      tags,
      summary: 'The Open Badges 3.0 credential of a certificate: JSON, or with ?format=jwt the signed VC-JOSE JWT (application/vc+jwt)',
      params: certificateCodeParamsSchema,
      querystring: credentialQuerySchema,
      produces: ['application/json', CREDENTIAL_MEDIA_TYPE],
      response: { 200: z.any() },
    },
    handler: async (request, reply) => {
      const { credential, jwt } = await credentialForCode(ctx, request.params.code);
      reply.headers({ ...anyOrigin, 'cache-control': 'no-store' });
      if (request.query.format === 'jwt') return reply.type(CREDENTIAL_MEDIA_TYPE).send(jwt);
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(credential));
    },
  });

  app.get('/api/v1/training/enrolments/:enrolmentId/certificate.pdf', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'The completion certificate as PDF (the trainee, those who nominate them, the cohort trainers, the secretariat)',
      params: certificateEnrolmentParamsSchema,
      produces: ['application/pdf'],
      response: { 200: z.any() },
    },
    handler: async (request, reply) => {
      const { fileName, pdf } = await certificatePdf(ctx, request.viewer, request.params.enrolmentId);
      return sendPdf(reply, fileName, pdf);
    },
  });

  app.post('/api/v1/certificates/:id/revoke', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: "Revoke a certificate (the cohort's trainers or the secretariat); verification then says revoked, with the date",
      params: certificateIdParamsSchema,
      body: revokeCertificateBodySchema,
      response: { 200: revokedCertificateSchema },
    },
    handler: async (request) => revokeCertificate(ctx, request.viewer, request.params.id, request.body.reason),
  });
}
