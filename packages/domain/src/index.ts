export * from './result.js';
export * from './localized-text.js';
export * from './period/index.js';
