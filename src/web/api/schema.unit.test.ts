import fs from 'node:fs';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { openPglite } from '../../db/client.js';
import { createInProcessQueue } from '../../jobs/queue.js';
import { buildApp } from '../../server/app.js';

describe('the typed API client', () => {
  it('is generated from the current OpenAPI document (run `npm run api:types` when this fails)', async () => {
    const database = await openPglite(undefined);
    const app = await buildApp({ database, db: database.db, config: loadConfig({ LOG_LEVEL: 'silent' }), jobs: createInProcessQueue() }, { serveWeb: false });
    await app.ready();
    const document = app.swagger();
    await app.close();
    await database.close();
    const generated = COMMENT_HEADER + astToString(await openapiTS(JSON.parse(JSON.stringify(document))));
    const committed = fs.readFileSync(new URL('./schema.d.ts', import.meta.url), 'utf8');
    expect(committed.trim() === generated.trim(), 'src/web/api/schema.d.ts is out of date: run `npm run api:types`').toBe(true);
  });
});
