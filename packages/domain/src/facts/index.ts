export * from './facts';
export * from './filters';
