export * from './client';
export { DataDirLockedError, lockDataDir, lockPathFor, type DataDirHolder } from './data-dir-lock';
export * from './schema/index';
export { seedDemo, isEmpty, type SeedSummary } from './seed/seed-demo';
export * as demo from './seed/demo-data';
export * from './repositories/programme/queries';
export * from './repositories/activity/queries';
export * from './repositories/organisation/queries';
export * from './indicators/compute-in-database';
export { insertFacts } from './facts/insert-facts';
export * from './repositories/assessment/queries';
export * from './repositories/grant/queries';
export * from './repositories/indicator/queries';
export {
  seedSynthetic,
  syntheticIndicators,
  type SyntheticOptions,
  type SyntheticSummary,
} from './synthetic/synthetic';
export { loadFacts } from './facts/load-facts';
export { quarterlyReportFloor, type FloorFigures } from './synthetic/floor';
export * from './command';
export * from './repositories/activity/commands';
export * from './repositories/attendance/commands';
export { sql } from 'drizzle-orm';
export * from './repositories/incident/queries';
export { WindowCache } from './indicators/window-cache';
export * from './repositories/user/commands';
export { demoPassword, demoUsers, type DemoUser } from './seed/seed-users';
export * from './repositories/incident/commands';
export * from './repositories/target/commands';
export * from './repositories/comment/commands';
export * from './repositories/place/commands';
export * from './repositories/period-lock/queries';
export * from './repositories/approval/commands';
export * from './repositories/manual-value/commands';
export * from './repositories/report/commands';
export * from './repositories/audit/queries';
export * from './repositories/donor/commands';
export * from './repositories/programme/commands';
export * from './repositories/grant/commands';
export * from './repositories/login-throttle/commands';
export * from './repositories/indicator/commands';
export {
  BackupError,
  createBackup,
  findPgTool,
  readBackup,
  restoreBackup,
  type BackupManifest,
  type BackupOptions,
  type RestoreOptions,
  type RestoreSummary,
} from './backup/backup';
