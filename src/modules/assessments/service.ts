import { csfCore, levelNames, tierNames } from './framework.js';

/** The CSF 2.0 core with the implementation scale and the tiers: public reference data (NIST, public domain). */
export function getCsfCore() {
  return {
    version: '2.0' as const,
    functions: csfCore().functions,
    levels: Object.entries(levelNames).map(([level, name]) => ({ level: Number(level), name })),
    tiers: Object.entries(tierNames).map(([tier, name]) => ({ tier: Number(tier), name })),
    source: 'NIST Cybersecurity Framework (CSF) 2.0 core, from NIST’s OSCAL catalog (public domain). Not endorsed by NIST.',
  };
}
