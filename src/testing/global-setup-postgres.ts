import { prepareTemplate } from './databases.js';

export default function setupPostgres(): Promise<void> {
  return prepareTemplate('postgres');
}
