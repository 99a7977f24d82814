/**
 * The public face of @jalon/db: what packages/api and the apps read and write with. Seed and demo
 * data are under `@jalon/db/seed`, synthetic data and the bench floor under `@jalon/db/synthetic`,
 * the drizzle tables and enumerations under `@jalon/db/schema`, the test databases under
 * `@jalon/db/testing`. Grouped as packages/db/README.md lists them.
 */

// Opening the database, and raw SQL where drizzle cannot say it
export {
  type CopyOptions,
  type Database,
  type DatabaseHandle,
  type DatabaseKind,
  openDatabase,
  ping,
  queryRows,
} from './client';
export { sql } from 'drizzle-orm';
export { DataDirLockedError, type DataDirHolder } from './data-dir-lock';

// What commands answer
export { type CommandFailure, type CommandResult, type UsedBy } from './command';

// Indicators computed in the database, and the facts the engine reads
export {
  activityParticipation,
  activityRecords,
  computeIndicatorInDatabase,
  expectIndicatorInDatabase,
} from './indicators/compute-in-database';
export { type PeopleRow, WindowCache } from './indicators/window-cache';
export { pivotInDatabase } from './indicators/pivot-in-database';
export { loadFacts } from './facts/load-facts';

// Organisations, users, sessions and the login throttle
export {
  findOrganisationByCode,
  findOrganisationById,
  type OrganisationRow,
} from './repositories/organisation/queries';
export {
  findOrganisationSettings,
  type OrganisationSettings,
  updateOrganisationSettings,
} from './repositories/organisation/commands';
export {
  findMembership,
  findSessionActor,
  type SessionActorRow,
  findUserByEmail,
  findUserById,
  findValidSession,
  listMemberships,
  type MembershipRow,
  normaliseEmail,
  type SessionRow,
  type UserRow,
} from './repositories/user/queries';
export { deleteSession, insertSession, updatePasswordHash } from './repositories/user/commands';
export { changeOwnPassword, resetMemberPassword } from './repositories/user/passwords';
export {
  reportTextsOf,
  type ReportTextInput,
  type ReportTextLanguage,
  setReportText,
} from './repositories/report-text/commands';
export {
  adxMappingOf,
  adxMappingRecordOf,
  setAdxMapping,
} from './repositories/adx-mapping/commands';
export {
  addMember,
  deactivateMember,
  listMembers,
  type Member,
  type MemberRole,
  setMemberRole,
} from './repositories/user/members';
export {
  clearLoginCounters,
  countLoginAttempt,
  forgetEndedLoginCounters,
  hasLoginMarker,
  refundLoginAttempt,
  rememberLoginMarker,
} from './repositories/login-throttle/commands';

// Programmes, places, donors and grants (with their results framework)
export { findProgramme, listProgrammes, type ProgrammeRow } from './repositories/programme/queries';
export {
  createProgramme,
  deleteProgramme,
  type ProgrammeInput,
  updateProgramme,
} from './repositories/programme/commands';
export { findPlace, listPlaces, type PlaceRow } from './repositories/place/queries';
export {
  createPlace,
  deletePlace,
  type PlaceInput,
  updatePlace,
} from './repositories/place/commands';
export { type DonorRow, findDonor, listDonors } from './repositories/donor/queries';
export {
  createDonor,
  deleteDonor,
  type DonorInput,
  updateDonor,
} from './repositories/donor/commands';
export {
  findGrant,
  findGrantByCode,
  type GrantRow,
  listGrants,
  listResultNodes,
  type ResultNodeRow,
} from './repositories/grant/queries';
export {
  addResultNode,
  createGrant,
  deleteGrant,
  findResultNodeGrant,
  type GrantInput,
  moveResultNode,
  removeResultNode,
  type ResultNodeInput,
  updateGrant,
  updateResultNode,
} from './repositories/grant/commands';

// Indicators, their targets, comments and values entered by hand
export {
  type BaselineRow,
  type IndicatorRow,
  listIndicators,
  listTargetsAndBaselines,
  type TargetRow,
} from './repositories/indicator/queries';
export {
  createIndicator,
  deleteIndicator,
  type FormulaRecheck,
  type IndicatorInput,
  type StoredFormulaSet,
  updateIndicator,
} from './repositories/indicator/commands';
export {
  removeBaseline,
  removeTarget,
  setBaseline,
  setTarget,
  type TargetInput,
} from './repositories/target/commands';
export { type IndicatorCommentRow, listIndicatorComments } from './repositories/comment/queries';
export { type IndicatorCommentInput, setIndicatorComment } from './repositories/comment/commands';
export {
  findManualValue,
  listManualValues,
  type ManualValueRow,
} from './repositories/manual-value/queries';
export {
  type ManualValueInput,
  moveManualValue,
  removeManualValue,
  setManualValue,
  writeManualValue,
} from './repositories/manual-value/commands';
export { loadAssessments } from './repositories/assessment/queries';

// Activities, their attendance and approval, incidents
export {
  type ActivityRow,
  activitySorts,
  findActivity,
  listActivities,
} from './repositories/activity/queries';
export {
  type ActivityInput,
  createActivity,
  deleteActivity,
  updateActivity,
} from './repositories/activity/commands';
export { type AttendanceRow, listAttendance } from './repositories/attendance/queries';
export { type AttendanceInput, setAttendance } from './repositories/attendance/commands';
export {
  PERSON_SORTS,
  type PersonFilter,
  type PersonRow,
  type PersonSort,
  listPersons,
} from './repositories/person/queries';
export {
  type ApprovalAction,
  type ApprovalFailure,
  moveActivity,
  ownSubmission,
  restateActivity,
} from './repositories/approval/commands';
export {
  findIncidentProgramme,
  type IncidentRow,
  findIncident,
  incidentSorts,
  listIncidents,
  listRegions,
} from './repositories/incident/queries';
export {
  createIncident,
  deleteIncident,
  type IncidentInput,
  updateIncident,
} from './repositories/incident/commands';

export {
  type LookAlike,
  lookAlikeActivities,
  lookAlikeIncidents,
} from './repositories/entry-warnings';

// Reports submitted, and the audit log
export {
  findReportSnapshot,
  findReportSnapshotFor,
  lastAuditId,
  lastSubmission,
  listRestatements,
  type ReportSnapshotRow,
  type RestatementRow,
} from './repositories/report/queries';
export { submitReport } from './repositories/report/commands';
export { factsStamp, listAuditEntries } from './repositories/audit/queries';
// The accent folding of every list search, for lists filtered in JavaScript (the indicators).
export { compareFolded, foldForSearch } from './repositories/search';

// Backup and restore
export { BackupError, createBackup, readBackup, restoreBackup } from './backup/backup';

// Creates sent again by a client's outbox (one result per client id)
export {
  type ClientRequest,
  countClientRequests,
  createOnce,
  type CreateOnceOutcome,
  requestFingerprint,
} from './repositories/client-request/commands';

// Imports: a file staged as a batch, committed all or nothing, undone
export {
  findImportBatch,
  importedHashes,
  activityProgrammes,
  importReferences,
  type ImportBatchRow,
  type ImportIndicatorReference,
  type ImportReference,
  type ImportRowRow,
  listImportBatches,
  listImportRows,
} from './repositories/import/queries';
export {
  activityInputOf,
  commitImport,
  type CommitSummary,
  type ImportFailure,
  type ImportResult,
  type RowRefusal,
  stageImport,
  type StagedRowInput,
  type StageInput,
  undoImport,
} from './repositories/import/commands';
export { dropStaleImportBatches, STAGED_BATCH_DAYS } from './repositories/import/cleanup';
export {
  advanceKoboWatermark,
  type KoboFormKey,
  koboWatermarkOf,
} from './repositories/import/watermark';
