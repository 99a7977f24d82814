export * from './client';
export { DataDirLockedError, lockDataDir, lockPathFor, type DataDirHolder } from './data-dir-lock';
export * from './schema/index';
export { seedDemo, isEmpty, type SeedSummary } from './seed/seed-demo';
export * as demo from './seed/demo-data';
export * from './repositories/programme-repository';
export * from './repositories/activity-repository';
export * from './repositories/organisation-repository';
export * from './indicators/compute-in-database';
export { insertFacts } from './facts/insert-facts';
export * from './repositories/assessment-repository';
export * from './repositories/grant-repository';
export * from './repositories/indicator-repository';
export {
  seedSynthetic,
  syntheticIndicators,
  type SyntheticOptions,
  type SyntheticSummary,
} from './synthetic/synthetic';
export { loadFacts } from './facts/load-facts';
export { quarterlyReportFloor, type FloorFigures } from './synthetic/floor';
export * from './repositories/activity-commands';
export * from './repositories/attendance-commands';
export { sql } from 'drizzle-orm';
export * from './repositories/incident-repository';
export { WindowCache } from './indicators/window-cache';
export * from './repositories/user-repository';
export { demoPassword, demoUsers, type DemoUser } from './seed/seed-users';
export * from './repositories/incident-commands';
export * from './repositories/target-commands';
export * from './repositories/comment-repository';
export * from './repositories/place-repository';
export * from './repositories/period-locks';
export * from './repositories/activity-approval';
export * from './repositories/manual-value-commands';
export * from './repositories/report-submissions';
export * from './repositories/audit-repository';
export * from './repositories/donor-repository';
export * from './repositories/programme-commands';
export * from './repositories/grant-commands';
export * from './repositories/login-throttle-repository';
export * from './repositories/indicator-commands';
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
export * from './repositories/client-requests';
