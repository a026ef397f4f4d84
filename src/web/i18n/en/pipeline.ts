/** Messages of the investment pipeline and the bankability check (src/web/pipeline). */
export const pipelineEn = {
  // navigation
  'pipeline.nav.pipeline': 'Investment pipeline',
} as const;
