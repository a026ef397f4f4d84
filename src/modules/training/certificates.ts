/**
 * Completion and certificates of the training programme (activity 3a).
 *
 * An approved trainee completes a cohort when they attended enough of its sessions and passed the
 * course's quiz. Completion is recorded once, with a certificate whose statements (name, course,
 * cohort, delivering partner, date) are frozen at issue, a short verification code to type from
 * paper, and a signed Open Badges 3.0 credential. Anyone may verify a code publicly; the answer says
 * what was certified and nothing else about the person.
 */
import { randomInt } from 'node:crypto';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  attendanceRecords,
  certificates,
  cities,
  cohorts,
  cohortSessions,
  courses,
  enrolments,
  organisations,
  quizAttempts,
  quizQuestions,
  users,
} from '../../db/schema/index.js';
import { canViewEnrolment, isCohortTrainer, requireSignedIn, type Actor, type Viewer } from '../../policy/policy.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { inTransaction, type AfterCommit } from '../../server/transaction.js';
import { writeAudit } from '../audit/queries.js';
import { notify } from '../notifications/service.js';
import { renderCertificatePdf } from './certificate-pdf.js';
import {
  ISSUER_NAME,
  buildCredential,
  credentialUrl,
  issuerProfile,
  publicSigningKey,
  publicSigningKeys,
  signCredential,
  verificationPageUrl,
  verifyCredentialJwt,
  type OpenBadgeCredential,
} from './credentials.js';

/* ---- Verification codes ---- */

/** No I, O, 0 or 1: nothing to confuse when typing from paper. 32 symbols, 12 of them: 60 random bits. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;

/** A new code like ABCD-EFGH-JKLM, from the operating system's secure random source. */
export function newVerificationCode(): string {
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return groupCode(raw);
}

const groupCode = (raw: string) => raw.match(/.{1,4}/g)!.join('-');

/**
 * The stored form of what someone typed (lower case, spaces, missing or extra dashes are fine), or
 * null when it cannot be a code at all.
 */
export function normaliseVerificationCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s\-–—_.]/g, '');
  if (raw.length !== CODE_LENGTH) return null;
  for (const char of raw) if (!CODE_ALPHABET.includes(char)) return null;
  return groupCode(raw);
}

/* ---- Completion ---- */

export type CompletionResult = { completed: boolean; certificateId: string | null };

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function dateIn(instant: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  } catch {
    return instant.toISOString().slice(0, 10);
  }
}

type EligibilityFacts = {
  enrolmentStatus: string;
  cohortStatus: string;
  questionCount: number;
  passedAttempt: boolean;
  sessionCount: number;
  presentCount: number;
  minAttendancePercent: number;
};

/** Why a trainee has not completed yet, or null when they have met every condition. */
export function missingForCompletion(facts: EligibilityFacts): 'not_approved' | 'cohort_cancelled' | 'quiz_not_passed' | 'attendance_too_low' | null {
  if (facts.enrolmentStatus !== 'approved') return 'not_approved';
  if (facts.cohortStatus === 'cancelled') return 'cohort_cancelled';
  if (facts.questionCount > 0 && !facts.passedAttempt) return 'quiz_not_passed';
  // Compared in whole numbers: 3 of 4 sessions meets 75% exactly.
  if (facts.sessionCount > 0 && facts.presentCount * 100 < facts.minAttendancePercent * facts.sessionCount) return 'attendance_too_low';
  return null;
}

/**
 * Records completion and issues the certificate when the trainee has met every condition; does
 * nothing otherwise. Idempotent: once issued, later calls return the same certificate. Runs in the
 * caller's transaction; the enrolment row is locked so two calls at once issue one certificate.
 */
export async function completeIfEligible(ctx: AppContext, tx: Db, after: AfterCommit, actor: Actor | null, enrolmentId: string): Promise<CompletionResult> {
  const [enrolment] = await tx.select().from(enrolments).where(eq(enrolments.id, enrolmentId)).for('update');
  if (!enrolment) throw notFound('The enrolment');

  const [existing] = await tx.select({ id: certificates.id }).from(certificates).where(eq(certificates.enrolmentId, enrolmentId));
  if (existing) return { completed: true, certificateId: existing.id };

  const [facts] = await tx
    .select({ cohort: cohorts, course: courses, trainee: { id: users.id, name: users.name, email: users.email }, partnerName: organisations.name })
    .from(cohorts)
    .innerJoin(courses, eq(courses.id, cohorts.courseId))
    .innerJoin(organisations, eq(organisations.id, cohorts.deliveringOrganisationId))
    .innerJoin(users, eq(users.id, enrolment.userId))
    .where(eq(cohorts.id, enrolment.cohortId));
  if (!facts) throw notFound('The cohort of the enrolment');
  const { cohort, course, trainee, partnerName } = facts;
  const questionCount = await countOf(tx.select({ n: count() }).from(quizQuestions).where(eq(quizQuestions.courseId, course.id)));
  const [passed] = await tx
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.enrolmentId, enrolmentId), eq(quizAttempts.passed, true), isNotNull(quizAttempts.submittedAt)))
    .limit(1);
  const sessionCount = await countOf(tx.select({ n: count() }).from(cohortSessions).where(eq(cohortSessions.cohortId, cohort.id)));
  const presentCount = await countOf(
    tx
      .select({ n: count() })
      .from(attendanceRecords)
      .innerJoin(cohortSessions, eq(cohortSessions.id, attendanceRecords.sessionId))
      .where(and(eq(attendanceRecords.enrolmentId, enrolmentId), eq(cohortSessions.cohortId, cohort.id), eq(attendanceRecords.present, true))),
  );

  const missing = missingForCompletion({
    enrolmentStatus: enrolment.status,
    cohortStatus: cohort.status,
    questionCount,
    passedAttempt: Boolean(passed),
    sessionCount,
    presentCount,
    minAttendancePercent: cohort.minAttendancePercent,
  });
  if (missing) return { completed: false, certificateId: null };

  const now = new Date();
  const completedAt = enrolment.completedAt ?? now;
  await tx.update(enrolments).set({ completedAt, updatedAt: now }).where(eq(enrolments.id, enrolmentId));

  const verificationCode = await unusedCode(tx);
  const completedOn = dateIn(completedAt, cohort.timeZone);
  const credential = buildCredential(ctx.config, {
    verificationCode,
    issuedAt: now,
    recipient: { name: trainee.name, email: trainee.email },
    course: {
      id: course.id,
      title: course.title,
      summary: course.summary,
      learningOutcomes: course.learningOutcomes,
      csfCategoryIds: course.csfCategoryIds,
      passMarkPercent: course.passMarkPercent,
      hasQuiz: questionCount > 0,
    },
    cohort: { title: cohort.title, startsOn: cohort.startsOn, endsOn: cohort.endsOn, minAttendancePercent: cohort.minAttendancePercent, hasSessions: sessionCount > 0 },
    deliveringOrganisationName: partnerName,
    completedOn,
  });
  const { jwt } = await signCredential(ctx.config, tx, credential);

  const [certificate] = await tx
    .insert(certificates)
    .values({
      enrolmentId,
      verificationCode,
      recipientName: trainee.name,
      courseTitle: course.title,
      cohortTitle: cohort.title,
      deliveringOrganisationName: partnerName,
      completedOn,
      credentialJwt: jwt,
      credential: credential as unknown as Record<string, unknown>,
      issuedAt: now,
    })
    .returning({ id: certificates.id });
  if (!certificate) throw new AppError('internal', 'The certificate could not be stored.');

  await writeAudit(tx, actor ?? { system: 'training completion' }, {
    action: 'certificate.issued',
    entityType: 'certificate',
    entityId: certificate.id,
    after: { enrolmentId, verificationCode, recipientName: trainee.name, courseTitle: course.title, cohortTitle: cohort.title, completedOn },
  });
  await notify(ctx, tx, after, [trainee.id], {
    kind: 'training.certificate_issued',
    title: `Certificate issued: ${course.title}`,
    body: `You completed "${course.title}" (${cohort.title}). Your certificate is ready to download, and anyone can verify it with the code ${verificationCode}.`,
    link: `/app/training/enrolments/${enrolmentId}`,
  });
  return { completed: true, certificateId: certificate.id };
}

async function countOf(query: Promise<{ n: number }[]>): Promise<number> {
  const [row] = await query;
  return row?.n ?? 0;
}

/** A code no certificate has yet (a clash is about one in 2^60 per pair; checked anyway). */
async function unusedCode(tx: Db): Promise<string> {
  for (;;) {
    const code = newVerificationCode();
    const [clash] = await tx.select({ id: certificates.id }).from(certificates).where(eq(certificates.verificationCode, code));
    if (!clash) return code;
  }
}

export async function certificateForEnrolment(
  db: Db,
  enrolmentId: string,
): Promise<{ id: string; verificationCode: string; issuedAt: Date; revokedAt: Date | null } | null> {
  const [row] = await db
    .select({ id: certificates.id, verificationCode: certificates.verificationCode, issuedAt: certificates.issuedAt, revokedAt: certificates.revokedAt })
    .from(certificates)
    .where(eq(certificates.enrolmentId, enrolmentId));
  return row ?? null;
}

/* ---- Access ---- */

/** The enrolment with what policy needs to decide who sees it: the trainee's organisation and country, the cohort's partner. */
async function enrolmentForAccess(db: Db, enrolmentId: string) {
  const [row] = await db
    .select({
      enrolmentId: enrolments.id,
      userId: enrolments.userId,
      organisationKind: organisations.kind,
      cityId: organisations.cityId,
      agencyCountryCode: organisations.countryCode,
      cityCountryCode: cities.countryCode,
      deliveringOrganisationId: cohorts.deliveringOrganisationId,
      cohortStartsOn: cohorts.startsOn,
      cohortEndsOn: cohorts.endsOn,
    })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(cities, eq(cities.id, organisations.cityId))
    .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
    .where(eq(enrolments.id, enrolmentId));
  if (!row) return null;
  return {
    ...row,
    nominee: { userId: row.userId, organisationKind: row.organisationKind, cityId: row.cityId, countryCode: row.cityCountryCode ?? row.agencyCountryCode },
    cohort: { deliveringOrganisationId: row.deliveringOrganisationId },
  };
}

/* ---- The PDF ---- */

/**
 * The printable certificate, for whoever may see the enrolment (the trainee, those who nominate
 * them, the cohort's trainers, the secretariat). A revoked certificate is not printed again.
 */
export async function certificatePdf(ctx: AppContext, viewer: Viewer, enrolmentId: string): Promise<{ fileName: string; pdf: Buffer }> {
  requireSignedIn(viewer);
  const access = await enrolmentForAccess(ctx.db, enrolmentId);
  if (!access || !canViewEnrolment(viewer, access.nominee, access.cohort)) throw notFound('The enrolment');
  const [certificate] = await ctx.db.select().from(certificates).where(eq(certificates.enrolmentId, enrolmentId));
  if (!certificate) throw notFound('A certificate for this enrolment');
  if (certificate.revokedAt) throw new AppError('conflict', 'This certificate was revoked, so it can no longer be downloaded.');
  const pdf = await renderCertificatePdf({
    recipientName: certificate.recipientName,
    courseTitle: certificate.courseTitle,
    cohortTitle: certificate.cohortTitle,
    cohortStartsOn: access.cohortStartsOn,
    cohortEndsOn: access.cohortEndsOn,
    deliveringOrganisationName: certificate.deliveringOrganisationName,
    completedOn: certificate.completedOn,
    verificationCode: certificate.verificationCode,
    verificationUrl: verificationPageUrl(ctx.config, certificate.verificationCode),
  });
  return { fileName: `certificate-${certificate.verificationCode}.pdf`, pdf };
}

/* ---- Revocation ---- */

/** The cohort's trainers (and the secretariat) revoke a certificate; the reason is kept for the record, never shown publicly. */
export async function revokeCertificate(ctx: AppContext, viewer: Viewer, certificateId: string, reason: string) {
  const actor = requireSignedIn(viewer);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx
      .select({ certificate: certificates, deliveringOrganisationId: cohorts.deliveringOrganisationId })
      .from(certificates)
      .innerJoin(enrolments, eq(enrolments.id, certificates.enrolmentId))
      .innerJoin(cohorts, eq(cohorts.id, enrolments.cohortId))
      .where(eq(certificates.id, certificateId))
      .for('update', { of: certificates });
    if (!row) throw notFound('The certificate');
    if (!isCohortTrainer(actor, { deliveringOrganisationId: row.deliveringOrganisationId })) {
      // The trainee may know their own certificate exists; everyone else learns nothing.
      const access = await enrolmentForAccess(tx, row.certificate.enrolmentId);
      if (access && canViewEnrolment(actor, access.nominee, access.cohort)) {
        throw new AppError('forbidden', "Only the cohort's trainers and the secretariat can revoke a certificate.");
      }
      throw notFound('The certificate');
    }
    if (row.certificate.revokedAt) throw new AppError('conflict', `This certificate was already revoked on ${row.certificate.revokedAt.toISOString().slice(0, 10)}.`);
    const revokedAt = new Date();
    await tx.update(certificates).set({ revokedAt, revokedReason: reason }).where(eq(certificates.id, certificateId));
    await writeAudit(tx, actor, {
      action: 'certificate.revoked',
      entityType: 'certificate',
      entityId: certificateId,
      before: { revokedAt: null },
      after: { revokedAt, reason },
    });
    return { id: certificateId, verificationCode: row.certificate.verificationCode, revokedAt: revokedAt.toISOString() };
  });
}

/* ---- Public: verification and the credential ---- */

async function certificateByCode(db: Db, code: string) {
  const normalised = normaliseVerificationCode(code);
  if (!normalised) return null;
  const [row] = await db.select().from(certificates).where(eq(certificates.verificationCode, normalised));
  return row ?? null;
}

const unknownCode = () => new AppError('not_found', 'No certificate has this verification code. Check the code on the certificate and try again.');

/**
 * What a visitor learns from a code: whether the certificate is valid or revoked, what it certified,
 * and whether the credential's signature checked out just now. Nothing else about the person.
 */
export async function verifyCertificate(ctx: AppContext, code: string) {
  const certificate = await certificateByCode(ctx.db, code);
  if (!certificate) throw unknownCode();
  const check = await verifyCredentialJwt(ctx.db, certificate.credentialJwt, credentialUrl(ctx.config, certificate.verificationCode));
  return {
    status: certificate.revokedAt ? ('revoked' as const) : check.valid ? ('valid' as const) : ('invalid' as const),
    verificationCode: certificate.verificationCode,
    recipientName: certificate.recipientName,
    courseTitle: certificate.courseTitle,
    cohortTitle: certificate.cohortTitle,
    deliveringOrganisationName: certificate.deliveringOrganisationName,
    completedOn: certificate.completedOn,
    issuedAt: certificate.issuedAt.toISOString(),
    revokedOn: certificate.revokedAt ? certificate.revokedAt.toISOString().slice(0, 10) : null,
    signature: { checked: true as const, valid: check.valid, keyId: check.keyId, algorithm: 'EdDSA' as const },
    credentialUrl: credentialUrl(ctx.config, certificate.verificationCode),
    issuerName: ISSUER_NAME,
  };
}

/** The signed credential: as JSON, or as the compact JWT. */
export async function credentialForCode(ctx: AppContext, code: string): Promise<{ credential: OpenBadgeCredential; jwt: string }> {
  const certificate = await certificateByCode(ctx.db, code);
  if (!certificate) throw unknownCode();
  return { credential: certificate.credential as unknown as OpenBadgeCredential, jwt: certificate.credentialJwt };
}

export async function describeIssuer(ctx: AppContext) {
  return issuerProfile(ctx.config, await publicSigningKeys(ctx.db));
}

export async function describeKey(ctx: AppContext, keyId: string) {
  const key = await publicSigningKey(ctx.db, keyId);
  if (!key) throw notFound('The key');
  return key.publicJwk;
}
