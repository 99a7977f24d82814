/** `@jalon/db/seed`: the demo organisation and its users, written into an empty database. */
export { seedDemo, isEmpty, type SeedSummary } from './seed/seed-demo';
export * as demo from './seed/demo-data';
export { demoPassword, demoUsers, type DemoUser } from './seed/seed-users';
