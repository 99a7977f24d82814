export * from './definition';
export * from './compute-indicator';
export * from './value-record';
