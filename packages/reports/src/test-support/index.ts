export * from './read-back';
export * from './iati-schema';
