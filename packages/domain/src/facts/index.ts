export * from './facts.js';
export * from './filters.js';
