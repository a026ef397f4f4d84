import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { longDate } from './certificate-pdf.js';
import { CODE_ALPHABET, missingForCompletion, newVerificationCode, normaliseVerificationCode } from './certificates.js';
import { buildCredential, criteriaNarrative, hashedEmailIdentity, issuerProfile, keyIdFromKid, keyUrl, type CredentialInput } from './credentials.js';

const config = { publicUrl: 'https://mitra.example.org' };

const input: CredentialInput = {
  verificationCode: 'ABCD-EFGH-JKLM',
  issuedAt: new Date('2025-03-08T02:00:00.000Z'),
  recipient: { name: 'Nguyễn Thị Hương', email: 'Huong@City.example' },
  course: {
    id: '7b0e2a4c-9d53-4c0e-8d7f-2f1c7f0d9a11',
    title: 'Incident response for city networks',
    summary: 'Detect, contain and recover from incidents in municipal systems.',
    learningOutcomes: ['Write an incident response plan'],
    csfCategoryIds: ['RS.MA', 'GV.RM', 'XX.YY'],
    passMarkPercent: 70,
    hasQuiz: true,
  },
  cohort: { title: 'Makassar cohort, March 2025', startsOn: '2025-03-03', endsOn: '2025-03-07', minAttendancePercent: 75, hasSessions: true },
  deliveringOrganisationName: 'ASEAN-Singapore Cybersecurity Centre of Excellence',
  completedOn: '2025-03-07',
  salt: '00112233445566778899aabbccddeeff',
};

describe('the Open Badges 3.0 credential', () => {
  const credential = buildCredential(config, input);

  it('is a Verifiable Credential 2.0 and an OpenBadgeCredential with the OB 3.0 context', () => {
    expect(credential['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.id).toBe('https://mitra.example.org/api/v1/certificates/ABCD-EFGH-JKLM/credential');
    expect(credential.validFrom).toBe('2025-03-08T02:00:00.000Z');
    expect(credential.name).toContain('Incident response for city networks');
  });

  it('names Mitra as the issuer Profile', () => {
    expect(credential.issuer).toEqual({
      id: 'https://mitra.example.org/api/v1/credentials/issuer',
      type: ['Profile'],
      name: 'U.S.-ASEAN Smart Cities Partnership (Mitra)',
      url: 'https://mitra.example.org',
    });
  });

  it('identifies the subject by a salted SHA-256 of the email (IdentityObject), never the email itself', () => {
    const subject = credential.credentialSubject;
    expect(subject.type).toEqual(['AchievementSubject']);
    expect(subject.identifier).toEqual([
      {
        type: 'IdentityObject',
        hashed: true,
        identityType: 'emailAddress',
        salt: input.salt,
        identityHash: `sha256$${createHash('sha256').update(`huong@city.example${input.salt}`).digest('hex')}`,
      },
    ]);
    expect(JSON.stringify(credential).toLowerCase()).not.toContain('huong@city.example');
  });

  it('describes the achievement: a certificate for the course, its criteria and its CSF alignment', () => {
    const achievement = credential.credentialSubject.achievement;
    expect(achievement).toMatchObject({
      id: `urn:uuid:${input.course.id}`,
      type: ['Achievement'],
      achievementType: 'Certificate',
      name: 'Incident response for city networks',
      description: input.course.summary,
    });
    expect(achievement.criteria.narrative).toContain('75%');
    expect(achievement.criteria.narrative).toContain('70%');
    // Unknown categories are left out; each alignment has the fields OB 3.0 requires.
    expect(achievement.alignment?.map((a) => a.targetCode)).toEqual(['RS.MA', 'GV.RM']);
    for (const alignment of achievement.alignment ?? []) {
      expect(alignment.type).toEqual(['Alignment']);
      expect(alignment.targetName).toMatch(/^(RS\.MA|GV\.RM): /);
      expect(alignment.targetUrl).toMatch(/^https:\/\//);
      expect(alignment.targetFramework).toContain('CSF');
    }
  });

  it('words the criteria by what the cohort actually required', () => {
    expect(criteriaNarrative({ course: { ...input.course, hasQuiz: false }, cohort: { ...input.cohort, hasSessions: true } })).not.toContain('quiz');
    expect(criteriaNarrative({ course: input.course, cohort: { ...input.cohort, hasSessions: false } })).not.toContain('sessions');
  });

  it('uses a fresh random salt when none is given', () => {
    const a = hashedEmailIdentity('x@example.org');
    const b = hashedEmailIdentity('x@example.org');
    expect(a.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(a.identityHash).not.toBe(b.identityHash);
  });

  it('publishes keys in the issuer Profile without their private part', () => {
    const profile = issuerProfile(config, [{ keyId: 'k1', publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'abc', kid: 'k1' }, createdAt: new Date() }]);
    expect(profile.verificationMethod).toEqual([
      { id: keyUrl(config, 'k1'), type: 'JsonWebKey', controller: profile.id, publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: 'abc', kid: 'k1' } },
    ]);
    expect(profile.jwks.keys).toHaveLength(1);
    expect(keyIdFromKid(keyUrl(config, 'k1'))).toBe('k1');
    expect(keyIdFromKid('k1')).toBe('k1');
  });
});

describe('verification codes', () => {
  it('are 12 unambiguous characters in three groups', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newVerificationCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(code).not.toMatch(/[IO01]/);
    }
    expect(CODE_ALPHABET).toHaveLength(32);
  });

  it('are read the way people type them', () => {
    expect(normaliseVerificationCode('abcd efgh jklm')).toBe('ABCD-EFGH-JKLM');
    expect(normaliseVerificationCode('ABCDEFGHJKLM')).toBe('ABCD-EFGH-JKLM');
    expect(normaliseVerificationCode('abcd-efgh-jkl')).toBeNull();
    expect(normaliseVerificationCode('ABCD-EFGH-IJKL')).toBeNull();
    expect(normaliseVerificationCode("'; drop table x")).toBeNull();
  });
});

describe('completion conditions', () => {
  const met = { enrolmentStatus: 'approved', cohortStatus: 'in_progress', questionCount: 3, passedAttempt: true, sessionCount: 4, presentCount: 3, minAttendancePercent: 75 };
  it('needs approval, a live cohort, the quiz passed and enough attendance', () => {
    expect(missingForCompletion(met)).toBeNull();
    expect(missingForCompletion({ ...met, enrolmentStatus: 'waitlisted' })).toBe('not_approved');
    expect(missingForCompletion({ ...met, cohortStatus: 'cancelled' })).toBe('cohort_cancelled');
    expect(missingForCompletion({ ...met, passedAttempt: false })).toBe('quiz_not_passed');
    expect(missingForCompletion({ ...met, presentCount: 2 })).toBe('attendance_too_low');
  });
  it('needs no quiz when the course has none, and no attendance when the cohort has no sessions', () => {
    expect(missingForCompletion({ ...met, questionCount: 0, passedAttempt: false })).toBeNull();
    expect(missingForCompletion({ ...met, sessionCount: 0, presentCount: 0 })).toBeNull();
  });
  it('compares the attendance share exactly: 2 of 3 is below 67%, 3 of 3 is not', () => {
    expect(missingForCompletion({ ...met, sessionCount: 3, presentCount: 2, minAttendancePercent: 67 })).toBe('attendance_too_low');
    expect(missingForCompletion({ ...met, sessionCount: 3, presentCount: 2, minAttendancePercent: 66 })).toBeNull();
  });
});

describe('the certificate text', () => {
  it('writes dates in words without shifting the day', () => {
    expect(longDate('2025-03-07')).toBe('7 March 2025');
  });
});
