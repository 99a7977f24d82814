export * from './round.js';
export * from './format-number.js';
export * from './format-count.js';
export * from './figure.js';
export * from './output-precision.js';
export * from './parse-number.js';
