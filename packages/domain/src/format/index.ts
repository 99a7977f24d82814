export * from './round';
export * from './format-number';
export * from './format-count';
export * from './figure';
export * from './output-precision';
export * from './parse-number';
