/**
 * Open Badges 3.0 credentials for completion certificates (1EdTech; a W3C Verifiable Credential 2.0),
 * secured as VC-JOSE: a compact JWS whose payload is the credential itself, `typ` "vc+jwt", signed
 * with the platform's Ed25519 key. The issuer Profile publishes the public keys, so anyone can check
 * a credential without asking Mitra whether it is genuine.
 *
 * Signing keys live in `signing_keys`. The newest signs; older ones stay so that what they signed
 * still verifies. The private half is read only to sign: never logged, returned or sent.
 */
import { createHash, randomBytes } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { calculateJwkThumbprint, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { signingKeys } from '../../db/schema/index.js';
import { csfCategory } from '../assessments/framework.js';

export const ISSUER_NAME = 'U.S.-ASEAN Smart Cities Partnership (Mitra)';
export const CREDENTIAL_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] as const;
export const CREDENTIAL_MEDIA_TYPE = 'application/vc+jwt';
const SIGNING_ALG = 'EdDSA';
const CSF_FRAMEWORK = 'NIST Cybersecurity Framework (CSF) 2.0';
const CSF_URL = 'https://www.nist.gov/cyberframework';

/* ---- Addresses ---- */

export const issuerUrl = (config: Pick<Config, 'publicUrl'>) => `${config.publicUrl}/api/v1/credentials/issuer`;
/** A key's own address: dereferences to its public JWK (what OB 3.0 asks of a JOSE `kid`). */
export const keyUrl = (config: Pick<Config, 'publicUrl'>, keyId: string) => `${config.publicUrl}/api/v1/credentials/keys/${encodeURIComponent(keyId)}`;
export const credentialUrl = (config: Pick<Config, 'publicUrl'>, code: string) => `${config.publicUrl}/api/v1/certificates/${encodeURIComponent(code)}/credential`;
export const verificationPageUrl = (config: Pick<Config, 'publicUrl'>, code: string) => `${config.publicUrl}/verify/${encodeURIComponent(code)}`;

/** The key id from a JOSE `kid`: the last path segment of the key's address (a bare id works too). */
export function keyIdFromKid(kid: string): string {
  const last = kid.split('/').at(-1) ?? kid;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/* ---- The credential ---- */

/** OB 3.0 IdentityObject: the recipient's email, salted and hashed, so the credential does not carry it in clear. */
export type IdentityObject = { type: 'IdentityObject'; hashed: true; identityHash: string; identityType: 'emailAddress'; salt: string };

export function hashedEmailIdentity(email: string, salt: string = randomBytes(16).toString('hex')): IdentityObject {
  const digest = createHash('sha256')
    .update(email.trim().toLowerCase() + salt)
    .digest('hex');
  return { type: 'IdentityObject', hashed: true, identityHash: `sha256$${digest}`, identityType: 'emailAddress', salt };
}

export type CredentialInput = {
  verificationCode: string;
  issuedAt: Date;
  recipient: { name: string; email: string };
  course: { id: string; title: string; summary: string; learningOutcomes: string[]; csfCategoryIds: string[]; passMarkPercent: number; hasQuiz: boolean };
  cohort: { title: string; startsOn: string; endsOn: string; minAttendancePercent: number; hasSessions: boolean };
  deliveringOrganisationName: string;
  completedOn: string;
  /** Fixed in tests; random otherwise. */
  salt?: string;
};

export type OpenBadgeCredential = {
  '@context': string[];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  issuer: { id: string; type: ['Profile']; name: string; url: string };
  validFrom: string;
  awardedDate: string;
  name: string;
  credentialSubject: {
    type: ['AchievementSubject'];
    name: string;
    identifier: IdentityObject[];
    achievement: {
      id: string;
      type: ['Achievement'];
      achievementType: 'Certificate';
      name: string;
      description: string;
      criteria: { narrative: string };
      alignment?: { type: ['Alignment']; targetName: string; targetUrl: string; targetFramework: string; targetCode: string; targetDescription?: string }[];
      tag?: string[];
    };
  };
};

/** What the trainee had to do, in words: attendance and the quiz's pass mark. */
export function criteriaNarrative(input: Pick<CredentialInput, 'course' | 'cohort'>): string {
  const parts = [
    input.cohort.hasSessions ? `attend at least ${input.cohort.minAttendancePercent}% of the cohort's sessions` : null,
    input.course.hasQuiz ? `pass the end-of-course quiz by answering at least ${input.course.passMarkPercent}% of its questions correctly` : null,
  ].filter((part): part is string => part !== null);
  const requirement = parts.length ? `, ${parts.join(' and ')}` : '';
  return `Be approved for a cohort of the course${requirement}.`;
}

/** The unsigned OB 3.0 credential. Pure: the same input gives the same credential. */
export function buildCredential(config: Pick<Config, 'publicUrl'>, input: CredentialInput): OpenBadgeCredential {
  const alignment = input.course.csfCategoryIds.flatMap((id) => {
    const category = csfCategory(id);
    if (!category) return [];
    return [
      {
        type: ['Alignment'] as ['Alignment'],
        targetName: `${category.id}: ${category.name}`,
        targetUrl: CSF_URL,
        targetFramework: CSF_FRAMEWORK,
        targetCode: category.id,
        ...(category.description ? { targetDescription: category.description } : {}),
      },
    ];
  });
  const description =
    input.course.summary.trim() ||
    `Completion of the course "${input.course.title}" (${input.cohort.title}, ${input.cohort.startsOn} to ${input.cohort.endsOn}), delivered by ${input.deliveringOrganisationName}.`;
  return {
    '@context': [...CREDENTIAL_CONTEXT],
    id: credentialUrl(config, input.verificationCode),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuerUrl(config), type: ['Profile'], name: ISSUER_NAME, url: config.publicUrl },
    validFrom: input.issuedAt.toISOString(),
    awardedDate: `${input.completedOn}T00:00:00Z`,
    name: `Certificate of completion: ${input.course.title}`,
    credentialSubject: {
      type: ['AchievementSubject'],
      name: input.recipient.name,
      identifier: [hashedEmailIdentity(input.recipient.email, input.salt)],
      achievement: {
        id: `urn:uuid:${input.course.id}`,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: input.course.title,
        description,
        criteria: { narrative: criteriaNarrative(input) },
        ...(alignment.length ? { alignment } : {}),
        ...(input.course.learningOutcomes.length ? { tag: input.course.learningOutcomes.slice(0, 20) } : {}),
      },
    },
  };
}

/* ---- Keys ---- */

/** A constant of Mitra's own for pg_advisory_xact_lock: only one process creates the first key. */
const KEY_CREATION_LOCK = 7_240_331_906;

/**
 * The newest signing key, created on first need. Run inside a transaction: the advisory lock makes
 * a second process wait for the first one's key instead of creating its own.
 */
async function currentSigningKey(tx: Db): Promise<{ keyId: string; privateJwk: JWK }> {
  const newest = async () => (await tx.select({ keyId: signingKeys.keyId, privateJwk: signingKeys.privateJwk }).from(signingKeys).orderBy(desc(signingKeys.createdAt)).limit(1))[0];
  const found = await newest();
  if (found) return { keyId: found.keyId, privateJwk: found.privateJwk as JWK };
  await tx.execute(sql`select pg_advisory_xact_lock(${KEY_CREATION_LOCK})`);
  const afterWait = await newest();
  if (afterWait) return { keyId: afterWait.keyId, privateJwk: afterWait.privateJwk as JWK };

  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const keyId = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  const described = { kid: keyId, alg: SIGNING_ALG, use: 'sig' };
  await tx
    .insert(signingKeys)
    .values({ keyId, publicJwk: { ...publicJwk, ...described }, privateJwk: { ...privateJwk, ...described } })
    .onConflictDoNothing();
  return { keyId, privateJwk: { ...privateJwk, ...described } };
}

/** Signs the credential as a VC-JOSE compact JWS: the payload is the credential itself. */
export async function signCredential(config: Pick<Config, 'publicUrl'>, tx: Db, credential: OpenBadgeCredential): Promise<{ jwt: string; keyId: string }> {
  const key = await currentSigningKey(tx);
  const privateKey = await importJWK(key.privateJwk, SIGNING_ALG);
  const jwt = await new SignJWT(credential as unknown as Record<string, unknown>)
    .setProtectedHeader({ alg: SIGNING_ALG, typ: 'vc+jwt', cty: 'vc', kid: keyUrl(config, key.keyId) })
    .sign(privateKey);
  return { jwt, keyId: key.keyId };
}

export type PublicKey = { keyId: string; publicJwk: JWK; createdAt: Date };

/** The public halves only (never select the private column here). */
export async function publicSigningKeys(db: Db): Promise<PublicKey[]> {
  const rows = await db
    .select({ keyId: signingKeys.keyId, publicJwk: signingKeys.publicJwk, createdAt: signingKeys.createdAt })
    .from(signingKeys)
    .orderBy(desc(signingKeys.createdAt));
  return rows.map((row) => ({ keyId: row.keyId, publicJwk: publicOnly(row.publicJwk as JWK), createdAt: row.createdAt }));
}

export async function publicSigningKey(db: Db, keyId: string): Promise<PublicKey | null> {
  const [row] = await db
    .select({ keyId: signingKeys.keyId, publicJwk: signingKeys.publicJwk, createdAt: signingKeys.createdAt })
    .from(signingKeys)
    .where(eq(signingKeys.keyId, keyId));
  return row ? { keyId: row.keyId, publicJwk: publicOnly(row.publicJwk as JWK), createdAt: row.createdAt } : null;
}

/** Belt and braces: a public JWK never carries the private scalar `d`, whatever was stored. */
function publicOnly(jwk: JWK): JWK {
  const copy: JWK = { ...jwk };
  delete copy.d;
  return copy;
}

/** The issuer Profile, with its keys as verification methods (JsonWebKey) and as a JWK Set. */
export function issuerProfile(config: Pick<Config, 'publicUrl'>, keys: PublicKey[]) {
  const id = issuerUrl(config);
  return {
    '@context': [...CREDENTIAL_CONTEXT],
    id,
    type: ['Profile'] as ['Profile'],
    name: ISSUER_NAME,
    url: config.publicUrl,
    description:
      'Issues the completion certificates of the training programme of the U.S.-ASEAN Smart Cities Partnership as Open Badges 3.0 credentials, secured as VC-JOSE (EdDSA, Ed25519).',
    verificationMethod: keys.map((key) => ({ id: keyUrl(config, key.keyId), type: 'JsonWebKey' as const, controller: id, publicKeyJwk: key.publicJwk })),
    jwks: { keys: keys.map((key) => key.publicJwk) },
  };
}

/* ---- Verification ---- */

export type SignatureCheck = { valid: boolean; keyId: string | null; problem: string | null };

/**
 * Checks a stored credential's JWT with the published public key, and that it states the credential
 * expected (same id), so a valid signature over another credential does not pass.
 */
export async function verifyCredentialJwt(db: Db, jwt: string, expectedId: string): Promise<SignatureCheck> {
  let kid: string | undefined;
  try {
    const header = decodeProtectedHeader(jwt);
    kid = header.kid;
    if (header.alg !== SIGNING_ALG || header.typ !== 'vc+jwt') return { valid: false, keyId: null, problem: 'unexpected header' };
  } catch {
    return { valid: false, keyId: null, problem: 'malformed' };
  }
  if (!kid) return { valid: false, keyId: null, problem: 'no key id' };
  const keyId = keyIdFromKid(kid);
  const key = await publicSigningKey(db, keyId);
  if (!key) return { valid: false, keyId, problem: 'unknown key' };
  try {
    const { payload } = await jwtVerify(jwt, await importJWK(key.publicJwk, SIGNING_ALG), { algorithms: [SIGNING_ALG], typ: 'vc+jwt' });
    if (payload.id !== expectedId) return { valid: false, keyId, problem: 'different credential' };
    return { valid: true, keyId, problem: null };
  } catch {
    return { valid: false, keyId, problem: 'bad signature' };
  }
}
