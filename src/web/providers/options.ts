import { t, type MessageKey } from '../i18n/i18n.js';

/** The pipeline's project sectors, in the order of src/db/schema/projects.ts. */
export const projectSectors = ['transport', 'water', 'energy', 'waste', 'digital', 'buildings', 'health', 'public_safety', 'environment', 'other'] as const;
export const projectSectorOptions = () => projectSectors.map((value) => ({ value, label: t(`pipeline.sector.${value}` as MessageKey) }));
