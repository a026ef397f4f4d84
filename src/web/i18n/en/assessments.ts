/** Messages of the cyber self-assessment (NIST CSF 2.0, activity 3b) in the workspace (src/web/assessments). */
export const assessmentsEn = {
  // navigation
  'assessments.nav.assessments': 'Self-assessment',
  'assessments.nav.shared': 'Shared assessments',
  'assessments.nav.benchmarks': 'Benchmarks',
} as const;
