export * from './count.js';
export * from './dimension.js';
export * from './cell-key.js';
export * from './count-record.js';
export * from './consistency.js';
