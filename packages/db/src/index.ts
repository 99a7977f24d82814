export * from './client';
export * from './schema/index';
export { seedDemo, isEmpty, type SeedSummary } from './seed/seed-demo';
export * as demo from './seed/demo-data';
export * from './repositories/programme-repository';
export * from './repositories/activity-repository';
export * from './repositories/organisation-repository';
export * from './indicators/compute-in-database';
export { insertFacts } from './facts/insert-facts';
