export * from './questions.js';
export * from './check.js';
