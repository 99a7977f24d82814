export * from './achievement';
export * from './status';
export * from './targets';
