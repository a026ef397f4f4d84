export * from './gaps.js';
export * from './benchmark.js';
export * from './recommend.js';
export * from './quiz.js';
