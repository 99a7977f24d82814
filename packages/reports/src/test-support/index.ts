export * from './read-back';
export * from './iati-schema';
export * from './stated-cells';
