import path from 'node:path';
import { z } from 'zod';

/** Every setting Mitra reads from the environment, validated once at start-up. */
const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  /** Where the embedded database, uploaded documents and the lock live. */
  MITRA_DATA_DIR: z.string().min(1).default('./.mitra'),
  /** When set, Mitra runs on this PostgreSQL database instead of the embedded one. */
  DATABASE_URL: z.string().url().optional(),
  /** The address people use to reach Mitra; links in emails point here. */
  PUBLIC_URL: z.string().url().optional(),
  /** smtp://user:pass@host:port or smtps://…; without it, email goes to the outbox only. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Mitra <no-reply@mitra.local>'),
  /** Largest uploaded document, in megabytes. */
  /** S3-compatible storage for documents; without S3_BUCKET they are kept under the data directory. */
  S3_BUCKET: z.string().min(3).optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(500).default(20),
  SESSION_DAYS: z.coerce.number().int().positive().max(90).default(14),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Load the demo dataset on PostgreSQL too (it loads by default only on a new embedded database). */
  MITRA_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  maxUploadBytes: number;
  s3:
    | { bucket: string; endpoint: string | undefined; region: string; accessKeyId: string | undefined; secretAccessKey: string | undefined; forcePathStyle: boolean }
    | undefined;
  sessionDays: number;
  logLevel: string;
  demo: boolean | undefined;
  /** Cookies get the Secure flag when Mitra is served over HTTPS. */
  secureCookies: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigError(`Mitra cannot start: the environment has invalid settings:\n${problems}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.MITRA_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    maxUploadBytes: Math.round(e.MAX_UPLOAD_MB * 1024 * 1024),
    s3: e.S3_BUCKET
      ? {
          bucket: e.S3_BUCKET,
          endpoint: e.S3_ENDPOINT,
          region: e.S3_REGION,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        }
      : undefined,
    sessionDays: e.SESSION_DAYS,
    logLevel: e.LOG_LEVEL,
    demo: e.MITRA_DEMO,
    secureCookies: publicUrl.startsWith('https://'),
  };
}
