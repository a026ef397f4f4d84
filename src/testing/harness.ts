import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../config.js';
import type { Database, Db } from '../db/client.js';
import type { MemberRole, OrganisationKind } from '../db/schema/accounts.js';
import { createInProcessQueue } from '../jobs/queue.js';
import { jobHandlers } from '../jobs/handlers.js';
import { insertOrganisation, insertSession, insertUser } from '../modules/auth/queries.js';
import { hashPassword } from '../modules/auth/service.js';
import { hashSecret, newSecret } from '../modules/auth/tokens.js';
import { buildApp } from '../server/app.js';
import type { AppContext } from '../server/context.js';
import { SESSION_COOKIE, type Api } from '../server/http.js';
import { openTestDatabase } from './databases.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEST_ORIGIN = 'http://localhost:3000';

export type TestPerson = { id: string; email: string; name: string; organisationId: string; cookie: string };

export type TestApp = {
  app: Api;
  ctx: AppContext;
  db: Db;
  database: Database;
  /** Sends a request as someone (or as the public with `null`), with Mitra's own Origin on writes. */
  request: (as: TestPerson | null, options: InjectOptions) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
};

/** An app on its own fresh database; one per test file. */
export async function createTestApp(): Promise<TestApp> {
  const database = await openTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitra-test-'));
  const config = loadConfig({ MITRA_DATA_DIR: dataDir, PUBLIC_URL: TEST_ORIGIN, LOG_LEVEL: 'silent', MAX_UPLOAD_MB: '1' });
  const jobs = createInProcessQueue();
  const ctx: AppContext = { database, db: database.db, config, jobs };
  await jobs.work(ctx, jobHandlers);
  const app = await buildApp(ctx, { serveWeb: false });
  await app.ready();
  return {
    app,
    ctx,
    db: database.db,
    database,
    request: (as, options) =>
      app.inject({
        ...options,
        headers: {
          origin: TEST_ORIGIN,
          ...(as ? { cookie: `${SESSION_COOKIE}=${as.cookie}` } : {}),
          ...(options.headers ?? {}),
        },
      }),
    close: async () => {
      await app.close();
      await jobs.stop();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function makeOrganisation(
  t: TestApp,
  fields: { kind: OrganisationKind; cityId?: string; countryCode?: string; name?: string },
) {
  return insertOrganisation(t.db, {
    name: fields.name ?? `Test ${fields.kind} ${unique()}`,
    kind: fields.kind,
    cityId: fields.cityId ?? null,
    countryCode: fields.countryCode ?? null,
  });
}

/** A signed-in person in an organisation; pass `password` to also be able to sign in through the API. */
export async function makePerson(
  t: TestApp,
  organisation: { id: string },
  fields: { role?: MemberRole; password?: string; email?: string; name?: string } = {},
): Promise<TestPerson> {
  const email = fields.email ?? `person-${unique()}@test.example`;
  const user = await insertUser(t.db, {
    email,
    name: fields.name ?? `Person ${unique()}`,
    organisationId: organisation.id,
    role: fields.role ?? 'member',
    status: 'active',
    passwordHash: fields.password ? await hashPassword(fields.password) : null,
  });
  const cookie = newSecret();
  await insertSession(t.db, { tokenHash: hashSecret(cookie), userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) });
  return { id: user.id, email, name: user.name, organisationId: organisation.id, cookie };
}

/** Shortcut: a person in a new organisation of the given kind. */
export async function makeActor(
  t: TestApp,
  kind: OrganisationKind,
  options: { cityId?: string; countryCode?: string; role?: MemberRole; password?: string } = {},
) {
  const organisation = await makeOrganisation(t, { kind, cityId: options.cityId, countryCode: options.countryCode });
  return makePerson(t, organisation, { role: options.role ?? 'admin', password: options.password });
}

export function cookieFrom(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie in the response');
  return cookie.value;
}
