import { prepareTemplate } from './databases.js';

/** Vitest's global setups run in the main process, before a project's env applies: one per database. */
export const setupPglite = () => prepareTemplate('pglite');
export default setupPglite;
