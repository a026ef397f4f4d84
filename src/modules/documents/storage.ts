import fs from 'node:fs/promises';
import path from 'node:path';

/** Where document bytes live. On one machine: the data directory. */
export interface DocumentStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

export function diskStorage(dataDir: string): DocumentStorage {
  const root = path.join(dataDir, 'documents');
  // Keys are generated ids, never user input; the check guards against a future caller that forgets.
  const fileOf = (key: string) => {
    if (!/^[a-z0-9-]+$/.test(key)) throw new Error(`invalid storage key ${key}`);
    return path.join(root, key.slice(0, 2), key);
  };
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
