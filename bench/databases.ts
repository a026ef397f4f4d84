import pg from 'pg';
import { openPostgres, type Database } from '../src/db/client.js';

/** Runs one statement on the PostgreSQL server (not in the benchmark's database). */
async function admin(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database named `name` on the server for one benchmark, and the function that drops it.
 * pg's pool.end() resolves before its connections have closed, and an idle connection that the
 * server then terminates makes the pool emit an unhandled 'error': so `drop` waits for them first.
 */
export async function throwawayPostgres(serverUrl: string, name: string): Promise<{ url: string; database: Database; drop: () => Promise<void> }> {
  await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        return await admin(serverUrl, `DROP DATABASE IF EXISTS ${name}`);
      } catch (error) {
        if ((error as { code?: string }).code !== '55006') throw error; // object_in_use
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  return { url: url.toString(), database: await openPostgres(url.toString()), drop };
}
