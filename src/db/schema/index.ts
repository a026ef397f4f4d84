export * from './reference.js';
export * from './cities.js';
export * from './accounts.js';
export * from './platform.js';
export * from './library.js';
export * from './exchanges.js';
export * from './exposure.js';
