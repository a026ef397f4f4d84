import fs from 'node:fs/promises';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../../config.js';

/** Where document bytes live: the data directory on one machine, S3-compatible storage beyond it. */
export interface DocumentStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

// Keys are generated ids, never user input; the check guards against a future caller that forgets.
function checkKey(key: string): string {
  if (!/^[a-z0-9-]+$/.test(key)) throw new Error(`invalid storage key ${key}`);
  return key;
}

export function diskStorage(dataDir: string): DocumentStorage {
  const root = path.join(dataDir, 'documents');
  const fileOf = (key: string) => path.join(root, checkKey(key).slice(0, 2), key);
  return {
    async put(key, bytes) {
      await fs.mkdir(path.dirname(fileOf(key)), { recursive: true });
      await fs.writeFile(fileOf(key), bytes, { flag: 'wx' });
    },
    get: (key) => fs.readFile(fileOf(key)),
    async remove(key) {
      await fs.rm(fileOf(key), { force: true });
    },
  };
}

export function s3Storage(s3: NonNullable<Config['s3']>): DocumentStorage {
  const client = new S3Client({
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: s3.forcePathStyle,
    // Plain bodies: many S3-compatible servers do not accept the SDK's default streaming checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: s3.accessKeyId && s3.secretAccessKey ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } : undefined,
  });
  const objectKey = (key: string) => `documents/${checkKey(key)}`;
  return {
    async put(key, bytes) {
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: objectKey(key), Body: bytes }));
    },
    async get(key) {
      const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: objectKey(key) }));
      return Buffer.from(await object.Body!.transformToByteArray());
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: objectKey(key) }));
    },
  };
}

const storages = new WeakMap<Config, DocumentStorage>();

/** The storage the configuration names (one client per configuration). */
export function documentStorage(config: Config): DocumentStorage {
  if (!storages.has(config)) storages.set(config, config.s3 ? s3Storage(config.s3) : diskStorage(config.dataDir));
  return storages.get(config)!;
}
