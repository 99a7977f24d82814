export * from './definition';
export * from './compute-indicator';
