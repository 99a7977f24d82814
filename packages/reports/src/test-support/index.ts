export * from './read-back.js';
export * from './iati-schema.js';
