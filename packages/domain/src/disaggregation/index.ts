export * from './count.js';
export * from './dimension.js';
export * from './cell-key.js';
export * from './count-record.js';
export * from './consistency.js';
export * from './bounds.js';
export * from './aggregate.js';
export * from './project.js';
