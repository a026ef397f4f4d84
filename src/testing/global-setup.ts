import { prepareTemplate, testDatabaseKind } from './databases.js';

export default async function setup(): Promise<void> {
  await prepareTemplate(testDatabaseKind());
}
