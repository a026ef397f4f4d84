import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { documentStorage } from './storage.js';

/** A minimal S3-compatible server (path-style PUT/GET/DELETE of objects), enough to exercise the real SDK calls. */
function fakeS3() {
  const objects = new Map<string, Buffer>();
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const key = decodeURIComponent(new URL(request.url!, 'http://s3').pathname);
      requests.push(`${request.method} ${key}`);
      if (request.method === 'PUT') {
        objects.set(key, Buffer.concat(chunks));
        response.writeHead(200, { etag: '"x"' }).end();
      } else if (request.method === 'GET' && objects.has(key)) {
        response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(objects.get(key));
      } else if (request.method === 'DELETE') {
        objects.delete(key);
        response.writeHead(204).end();
      } else {
        response.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code><Message>missing</Message></Error>');
      }
    });
  });
  return { server, objects, requests };
}

describe('documents in S3-compatible storage', () => {
  const s3 = fakeS3();
  let endpoint: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => s3.server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(s3.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => s3.server.close(() => resolve())));

  it('puts, gets and removes objects under documents/ in the configured bucket', async () => {
    const config = loadConfig({ S3_BUCKET: 'mitra-docs', S3_ENDPOINT: endpoint, S3_ACCESS_KEY_ID: 'key', S3_SECRET_ACCESS_KEY: 'secret' });
    const storage = documentStorage(config);
    const bytes = Buffer.from('%PDF-1.4 a feasibility study');
    await storage.put('0a1b2c3d-0000-4000-8000-000000000001', bytes);
    expect(s3.objects.get('/mitra-docs/documents/0a1b2c3d-0000-4000-8000-000000000001')?.equals(bytes)).toBe(true);
    expect((await storage.get('0a1b2c3d-0000-4000-8000-000000000001')).equals(bytes)).toBe(true);
    await storage.remove('0a1b2c3d-0000-4000-8000-000000000001');
    expect(s3.objects.size).toBe(0);
    await expect(storage.get('0a1b2c3d-0000-4000-8000-000000000001')).rejects.toThrow();
  });

  it('refuses keys that are not generated ids', async () => {
    const storage = documentStorage(loadConfig({ S3_BUCKET: 'mitra-docs', S3_ENDPOINT: endpoint }));
    await expect(storage.put('../../etc/passwd', Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
  });
});
