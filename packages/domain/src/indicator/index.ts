export * from './definition.js';
export * from './compute-indicator.js';
