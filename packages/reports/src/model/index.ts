export * from './common.js';
export * from './issues.js';
export * from './results.js';
export * from './evidence.js';
export * from './grant.js';
export * from './report-model.js';
export * from './bulletin-model.js';
