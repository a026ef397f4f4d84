import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/context.js';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { findEmail } from './queries.js';
import { deliverEmail, recordEmail } from './service.js';

describe('email delivery through SMTP', () => {
  let t: TestApp;
  let server: SMTPServer;
  let port: number;
  const received: { to: string[]; data: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk) => (data += chunk));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t.close();
  });

  it('sends a queued email through the configured server and marks it sent', async () => {
    const ctx: AppContext = { ...t.ctx, config: { ...t.ctx.config, smtpUrl: `smtp://127.0.0.1:${port}` } };
    const emailId = await recordEmail(t.db, { to: 'Officer@City.example', subject: 'Welcome to Mitra', text: 'Hello from the partnership.' });
    await deliverEmail(ctx, emailId);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['officer@city.example']);
    expect(received[0]!.data).toContain('Subject: Welcome to Mitra');
    expect(received[0]!.data).toContain('Hello from the partnership.');
    const email = await findEmail(t.db, emailId);
    expect(email).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(email?.sentAt).toBeInstanceOf(Date);
  });

  it('keeps the email queued with the error when the server cannot be reached, so it is retried', async () => {
    const ctx: AppContext = { ...t.ctx, config: { ...t.ctx.config, smtpUrl: 'smtp://127.0.0.1:1' } };
    const emailId = await recordEmail(t.db, { to: 'x@city.example', subject: 'S', text: 'T' });
    await expect(deliverEmail(ctx, emailId)).rejects.toThrow();
    expect(await findEmail(t.db, emailId)).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await findEmail(t.db, emailId))?.lastError).toMatch(/ECONNREFUSED|connect/);
  });
});
