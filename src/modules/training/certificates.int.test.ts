import { eq } from 'drizzle-orm';
import { importJWK, jwtVerify, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attendanceRecords,
  auditEntries,
  certificates,
  cohorts,
  cohortSessions,
  courses,
  enrolments,
  notifications,
  quizAttempts,
  quizQuestions,
  signingKeys,
} from '../../db/schema/index.js';
import { inTransaction } from '../../server/transaction.js';
import { createTestApp, makeActor, makeOrganisation, makePerson, TEST_ORIGIN, type TestApp, type TestPerson } from '../../testing/harness.js';
import { certificateForEnrolment, CODE_ALPHABET, completeIfEligible } from './certificates.js';

let t: TestApp;
let partnerOrg: { id: string; name: string };
let trainer: TestPerson;
let trainee: TestPerson;
let colleague: TestPerson;
let otherCity: TestPerson;
let secretariat: TestPerson;
let otherPartner: TestPerson;

const req = (by: TestPerson | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.request(by, { method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });

const complete = (enrolmentId: string, actor: null = null) => inTransaction(t.ctx, (tx, after) => completeIfEligible(t.ctx, tx, after, actor, enrolmentId));

/** A course with `questions` quiz questions and a cohort with `sessions` sessions, delivered by the partner. */
async function setUp(options: { questions: number; sessions: number; minAttendancePercent?: number; title?: string }) {
  const [course] = await t.db
    .insert(courses)
    .values({
      organisationId: partnerOrg.id,
      title: options.title ?? 'Incident response for city networks',
      topic: 'cybersecurity',
      summary: 'Detect, contain and recover from incidents in municipal systems.',
      learningOutcomes: ['Write an incident response plan'],
      csfCategoryIds: ['RS.MA', 'GV.RM'],
      passMarkPercent: 70,
      status: 'published',
    })
    .returning();
  for (let i = 0; i < options.questions; i++) {
    await t.db.insert(quizQuestions).values({ courseId: course!.id, position: i + 1, prompt: `Question ${i + 1}`, options: ['a', 'b'], correctOption: 0 });
  }
  const [cohort] = await t.db
    .insert(cohorts)
    .values({
      courseId: course!.id,
      title: 'Makassar cohort, March 2025',
      startsOn: '2025-03-03',
      endsOn: '2025-03-07',
      timeZone: 'Asia/Makassar',
      mode: 'in_person',
      location: 'Makassar',
      deliveringOrganisationId: partnerOrg.id,
      capacity: 20,
      minAttendancePercent: options.minAttendancePercent ?? 75,
      status: 'in_progress',
    })
    .returning();
  const sessionIds: string[] = [];
  for (let i = 0; i < options.sessions; i++) {
    const [session] = await t.db
      .insert(cohortSessions)
      .values({ cohortId: cohort!.id, title: `Day ${i + 1}`, startsAt: new Date(Date.UTC(2025, 2, 3 + i, 1)), endsAt: new Date(Date.UTC(2025, 2, 3 + i, 8)) })
      .returning();
    sessionIds.push(session!.id);
  }
  const [enrolment] = await t.db.insert(enrolments).values({ cohortId: cohort!.id, userId: trainee.id, nominatedBy: colleague.id, status: 'approved' }).returning();
  return { courseId: course!.id, cohortId: cohort!.id, sessionIds, enrolmentId: enrolment!.id };
}

async function attend(enrolmentId: string, sessionIds: string[], presentIn: number) {
  for (const [index, sessionId] of sessionIds.entries()) {
    await t.db.insert(attendanceRecords).values({ sessionId, enrolmentId, present: index < presentIn, recordedBy: trainer.id });
  }
}

async function attempt(enrolmentId: string, attemptNumber: number, passed: boolean) {
  await t.db.insert(quizAttempts).values({ enrolmentId, attemptNumber, submittedAt: new Date(), answers: {}, scorePercent: passed ? 100 : 20, passed });
}

/** A trainee who completed: 4 sessions attended 3 (75%), quiz passed on the second attempt. */
async function completedEnrolment(title?: string) {
  const setup = await setUp({ questions: 2, sessions: 4, title });
  await attend(setup.enrolmentId, setup.sessionIds, 3);
  await attempt(setup.enrolmentId, 1, false);
  await attempt(setup.enrolmentId, 2, true);
  const result = await complete(setup.enrolmentId);
  expect(result.completed).toBe(true);
  const certificate = await certificateForEnrolment(t.db, setup.enrolmentId);
  return { ...setup, certificate: certificate! };
}

beforeAll(async () => {
  t = await createTestApp();
  const partner = await makeOrganisation(t, { kind: 'cyber_centre', name: 'ASEAN-Singapore Cybersecurity Centre of Excellence (test)' });
  partnerOrg = { id: partner.id, name: partner.name };
  trainer = await makePerson(t, partner);
  const cityOrg = await makeOrganisation(t, { kind: 'city_government', cityId: 'makassar' });
  trainee = await makePerson(t, cityOrg, { name: 'Nguyễn Thị Hương', email: 'huong.trainee@makassar.example' });
  colleague = await makePerson(t, cityOrg);
  otherCity = await makeActor(t, 'city_government', { cityId: 'da-nang' });
  secretariat = await makeActor(t, 'secretariat');
  otherPartner = await makeActor(t, 'cyber_centre');
}, 60_000);

afterAll(async () => {
  await t?.close();
});

// First in the file, while no signing key exists yet.
describe('at the same time', () => {
  it('two completions of one enrolment issue one certificate, and two first certificates create one key', async () => {
    const a = await setUp({ questions: 0, sessions: 1 });
    const b = await setUp({ questions: 0, sessions: 1 });
    await attend(a.enrolmentId, a.sessionIds, 1);
    await attend(b.enrolmentId, b.sessionIds, 1);
    expect(await t.db.select().from(signingKeys)).toHaveLength(0);
    const results = await Promise.all([complete(a.enrolmentId), complete(a.enrolmentId), complete(b.enrolmentId)]);
    expect(results.every((r) => r.completed)).toBe(true);
    expect(results[0]!.certificateId).toBe(results[1]!.certificateId);
    expect(await t.db.select().from(certificates).where(eq(certificates.enrolmentId, a.enrolmentId))).toHaveLength(1);
    expect(await t.db.select().from(signingKeys)).toHaveLength(1);
  });
});

describe('completion', () => {
  it('does not complete without a passed quiz, even with full attendance', async () => {
    const setup = await setUp({ questions: 2, sessions: 2 });
    await attend(setup.enrolmentId, setup.sessionIds, 2);
    expect(await complete(setup.enrolmentId)).toEqual({ completed: false, certificateId: null });
    await attempt(setup.enrolmentId, 1, false);
    expect(await complete(setup.enrolmentId)).toEqual({ completed: false, certificateId: null });
    const [row] = await t.db.select().from(enrolments).where(eq(enrolments.id, setup.enrolmentId));
    expect(row!.completedAt).toBeNull();
    expect(await certificateForEnrolment(t.db, setup.enrolmentId)).toBeNull();
  });

  it('does not complete with too little attendance, even with the quiz passed', async () => {
    const setup = await setUp({ questions: 1, sessions: 4, minAttendancePercent: 75 });
    await attend(setup.enrolmentId, setup.sessionIds, 2);
    await attempt(setup.enrolmentId, 1, true);
    expect(await complete(setup.enrolmentId)).toEqual({ completed: false, certificateId: null });
  });

  it('does not complete an enrolment that is not approved, or of a cancelled cohort', async () => {
    const waiting = await setUp({ questions: 0, sessions: 0 });
    await t.db.update(enrolments).set({ status: 'waitlisted' }).where(eq(enrolments.id, waiting.enrolmentId));
    expect((await complete(waiting.enrolmentId)).completed).toBe(false);
    const cancelled = await setUp({ questions: 0, sessions: 0 });
    await t.db.update(cohorts).set({ status: 'cancelled' }).where(eq(cohorts.id, cancelled.cohortId));
    expect((await complete(cancelled.enrolmentId)).completed).toBe(false);
  });

  it('completes once: one certificate with frozen statements, an audit entry and a notification; a second call returns the same one', async () => {
    const setup = await setUp({ questions: 2, sessions: 4 });
    await attend(setup.enrolmentId, setup.sessionIds, 3);
    await attempt(setup.enrolmentId, 1, true);
    const first = await complete(setup.enrolmentId);
    expect(first.completed).toBe(true);
    expect(first.certificateId).toMatch(/^[0-9a-f-]{36}$/);
    const second = await complete(setup.enrolmentId);
    expect(second).toEqual(first);

    const rows = await t.db.select().from(certificates).where(eq(certificates.enrolmentId, setup.enrolmentId));
    expect(rows).toHaveLength(1);
    const certificate = rows[0]!;
    expect(certificate.verificationCode).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(certificate).toMatchObject({
      recipientName: 'Nguyễn Thị Hương',
      courseTitle: 'Incident response for city networks',
      cohortTitle: 'Makassar cohort, March 2025',
      deliveringOrganisationName: partnerOrg.name,
    });
    expect(certificate.credentialJwt.split('.')).toHaveLength(3);
    const [enrolment] = await t.db.select().from(enrolments).where(eq(enrolments.id, setup.enrolmentId));
    expect(enrolment!.completedAt).toBeInstanceOf(Date);

    const audit = await t.db.select().from(auditEntries).where(eq(auditEntries.entityId, certificate.id));
    expect(audit.map((entry) => entry.action)).toEqual(['certificate.issued']);
    expect(audit[0]!.actorUserId).toBeNull();
    const notes = await t.db.select().from(notifications).where(eq(notifications.userId, trainee.id));
    expect(notes.filter((note) => note.link === `/app/training/enrolments/${setup.enrolmentId}`)).toHaveLength(1);

    // Frozen: renaming the course later does not change what the certificate states.
    await t.db.update(courses).set({ title: 'Renamed course' }).where(eq(courses.id, setup.courseId));
    const verification = await req(null, 'GET', `/api/v1/certificates/${certificate.verificationCode}/verification`);
    expect(verification.json().courseTitle).toBe('Incident response for city networks');
  });

  it('creates one signing key and reuses it', async () => {
    await completedEnrolment();
    await completedEnrolment();
    const keys = await t.db.select({ keyId: signingKeys.keyId }).from(signingKeys);
    expect(keys).toHaveLength(1);
  });
});

describe('the PDF', () => {
  it('is a PDF for the trainee, their city colleague, the trainers and the secretariat, and not found for anyone else', async () => {
    const { enrolmentId } = await completedEnrolment();
    const url = `/api/v1/training/enrolments/${enrolmentId}/certificate.pdf`;
    for (const viewer of [trainee, colleague, trainer, secretariat]) {
      const response = await req(viewer, 'GET', url);
      expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
      expect(response.headers['content-type']).toContain('application/pdf');
      expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // One page.
      expect(response.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);
    }
    for (const viewer of [otherCity, otherPartner]) {
      const response = await req(viewer, 'GET', url);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    expect((await req(null, 'GET', url)).statusCode).toBe(401);
  });

  it('is not found when the enrolment has no certificate yet', async () => {
    const { enrolmentId } = await setUp({ questions: 1, sessions: 0 });
    const response = await req(trainee, 'GET', `/api/v1/training/enrolments/${enrolmentId}/certificate.pdf`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toMatch(/certificate/i);
  });
});

describe('public verification', () => {
  it('shows exactly what was certified, with the signature checked, and nothing else about the person', async () => {
    const { certificate } = await completedEnrolment();
    const response = await req(null, 'GET', `/api/v1/certificates/${certificate.verificationCode}/verification`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(
      [
        'status',
        'verificationCode',
        'recipientName',
        'courseTitle',
        'cohortTitle',
        'deliveringOrganisationName',
        'completedOn',
        'issuedAt',
        'revokedOn',
        'signature',
        'credentialUrl',
        'issuerName',
      ].sort(),
    );
    expect(body).toMatchObject({
      status: 'valid',
      recipientName: 'Nguyễn Thị Hương',
      courseTitle: 'Incident response for city networks',
      cohortTitle: 'Makassar cohort, March 2025',
      deliveringOrganisationName: partnerOrg.name,
      revokedOn: null,
      signature: { checked: true, valid: true, algorithm: 'EdDSA' },
    });
    expect(body.completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const text = response.body.toLowerCase();
    expect(text).not.toContain(trainee.email.toLowerCase());
    expect(text).not.toContain('makassar.example');
    expect(text).not.toContain(trainee.id);
  });

  it('accepts the code typed loosely (lower case, spaces, no dashes)', async () => {
    const { certificate } = await completedEnrolment();
    const loose = ` ${certificate.verificationCode.replace(/-/g, ' ').toLowerCase()} `;
    const response = await req(null, 'GET', `/api/v1/certificates/${encodeURIComponent(loose)}/verification`);
    expect(response.statusCode).toBe(200);
    expect(response.json().verificationCode).toBe(certificate.verificationCode);
  });

  it('answers a plain not found for an unknown or malformed code', async () => {
    for (const code of ['ABCD-EFGH-JKLM', 'nonsense', '0000-0000-0000']) {
      const response = await req(null, 'GET', `/api/v1/certificates/${code}/verification`);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
      expect((await req(null, 'GET', `/api/v1/certificates/${code}/credential`)).statusCode).toBe(404);
    }
  });

  it('says revoked, with the date and not the reason, after a trainer revokes', async () => {
    const { certificate } = await completedEnrolment();
    const url = `/api/v1/certificates/${certificate.id}/revoke`;
    // Not the trainee, not another city, not another partner.
    expect((await req(trainee, 'POST', url, { reason: 'x' })).statusCode).toBe(403);
    expect((await req(otherCity, 'POST', url, { reason: 'x' })).statusCode).toBe(404);
    expect((await req(otherPartner, 'POST', url, { reason: 'x' })).statusCode).toBe(404);
    const empty = await req(trainer, 'POST', url, { reason: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('validation_failed');

    const revoked = await req(trainer, 'POST', url, { reason: 'Attendance sheet was entered for the wrong trainee' });
    expect(revoked.statusCode, revoked.body).toBe(200);
    const again = await req(secretariat, 'POST', url, { reason: 'twice' });
    expect(again.statusCode).toBe(409);

    const verification = await req(null, 'GET', `/api/v1/certificates/${certificate.verificationCode}/verification`);
    const body = verification.json();
    expect(body.status).toBe('revoked');
    expect(body.revokedOn).toBe(new Date().toISOString().slice(0, 10));
    expect(verification.body).not.toContain('wrong trainee');
    const audit = await t.db.select().from(auditEntries).where(eq(auditEntries.entityId, certificate.id));
    expect(audit.map((entry) => entry.action).sort()).toEqual(['certificate.issued', 'certificate.revoked']);

    const pdf = await req(trainee, 'GET', `/api/v1/training/enrolments/${(await t.db.select().from(certificates).where(eq(certificates.id, certificate.id)))[0]!.enrolmentId}/certificate.pdf`);
    expect(pdf.statusCode).toBe(409);
  });
});

describe('the Open Badges credential', () => {
  it('verifies with the key the issuer publishes, and fails when tampered with', async () => {
    const { certificate } = await completedEnrolment();
    const issuer = await req(null, 'GET', '/api/v1/credentials/issuer');
    expect(issuer.statusCode).toBe(200);
    const profile = issuer.json();
    expect(profile.id).toBe(`${TEST_ORIGIN}/api/v1/credentials/issuer`);
    expect(profile.type).toEqual(['Profile']);
    expect(issuer.body).not.toContain('"d"');

    const jwtResponse = await req(null, 'GET', `/api/v1/certificates/${certificate.verificationCode}/credential?format=jwt`);
    expect(jwtResponse.statusCode).toBe(200);
    expect(jwtResponse.headers['content-type']).toContain('application/vc+jwt');
    const jwt = jwtResponse.body;

    const method = profile.verificationMethod[0];
    expect(method.type).toBe('JsonWebKey');
    const key = await importJWK(method.publicKeyJwk as JWK, 'EdDSA');
    const { payload, protectedHeader } = await jwtVerify(jwt, key, { typ: 'vc+jwt' });
    expect(protectedHeader.alg).toBe('EdDSA');
    expect(protectedHeader.kid).toBe(method.id);
    expect(payload.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);

    // The kid dereferences to the same key.
    const keyResponse = await req(null, 'GET', new URL(protectedHeader.kid!).pathname);
    expect(keyResponse.json()).toEqual(method.publicKeyJwk);

    // The JSON form is the JWT's payload.
    const json = await req(null, 'GET', `/api/v1/certificates/${certificate.verificationCode}/credential`);
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.json()).toEqual(payload);

    // Tampered: another recipient's name in the payload, same signature.
    const [header, body, signature] = jwt.split('.');
    const forged = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
    forged.credentialSubject.name = 'Someone Else';
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
    await expect(jwtVerify(tampered, key, { typ: 'vc+jwt' })).rejects.toThrow();

    // Stored tampering shows on the verification page.
    await t.db.update(certificates).set({ credentialJwt: tampered }).where(eq(certificates.id, certificate.id));
    const verification = await req(null, 'GET', `/api/v1/certificates/${certificate.verificationCode}/verification`);
    expect(verification.json()).toMatchObject({ status: 'invalid', signature: { checked: true, valid: false } });
  });

  it('identifies the recipient by a salted email hash, not the email', async () => {
    const { certificate } = await completedEnrolment();
    const json = await req(null, 'GET', `/api/v1/certificates/${certificate.verificationCode}/credential`);
    expect(json.body.toLowerCase()).not.toContain(trainee.email.toLowerCase());
    const identifier = json.json().credentialSubject.identifier[0];
    expect(identifier).toMatchObject({ type: 'IdentityObject', hashed: true, identityType: 'emailAddress' });
    const { createHash } = await import('node:crypto');
    expect(identifier.identityHash).toBe(`sha256$${createHash('sha256').update(trainee.email + identifier.salt).digest('hex')}`);
  });
});

// Last in the file: it uses up this address's allowance of public verifications.
describe('enumeration', () => {
  it('slows anyone trying codes: after 60 a minute, verification answers rate_limited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) {
      statuses.push((await req(null, 'GET', `/api/v1/certificates/ABCD-EFGH-JK${CODE_ALPHABET[i % 32]}${CODE_ALPHABET[(i >> 5) % 32]}/verification`)).statusCode);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 404 || s === 429)).toBe(true);
    const limited = await req(null, 'GET', '/api/v1/certificates/ABCD-EFGH-JKLM/verification');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('rate_limited');
  });
});
