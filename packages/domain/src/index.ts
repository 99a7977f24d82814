export * from './result.js';
export * from './localized-text.js';
export * from './period/index.js';
export * from './disaggregation/index.js';
export * from './format/index.js';
export * from './not-computable.js';
export * from './formula/index.js';
