/** Messages of the training programme (activity 3a) in the workspace and the public verification page (src/web/training). */
export const trainingEn = {
  // navigation
  'training.nav.training': 'Training',
  'training.nav.reports': 'Training reports',
} as const;
