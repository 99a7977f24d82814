import { err, ok, type Result, type ValueRecord } from '@jalon/domain';
import { checkActivityRow, type ActivityRecord } from './kinds/activities';
import {
  checkAttendanceRow,
  type AttendanceRecord,
  type BatchActivities,
} from './kinds/attendance';
import { checkIncidentRow, type IncidentRecord } from './kinds/incidents';
import { checkTargetRow, type TargetRecord } from './kinds/targets';
import { checkValueRow } from './kinds/values';
import { planImport, type DryRun } from './plan';
import type { MappingProfile, ProfileMismatch } from './profile';
import { mapRows, readContext, type ReferenceData } from './rows';
import type { SourceTable } from './table';

export interface DryRunInput {
  table: SourceTable;
  profile: MappingProfile;
  refs: ReferenceData;
  /**
   * External id → content hash of what this organisation and source already hold (for values:
   * every value entered, by hand or imported, see `enteredValueHashes`).
   */
  existing: ReadonlyMap<string, string>;
  /** Attendance only: the activities of the same batch, with their programmes (`batchActivitiesOf`). */
  batchActivities?: BatchActivities;
}

export type AnyDryRun =
  | ({ kind: 'activities' } & DryRun<ActivityRecord>)
  | ({ kind: 'attendance' } & DryRun<AttendanceRecord>)
  | ({ kind: 'incidents' } & DryRun<IncidentRecord>)
  | ({ kind: 'targets' } & DryRun<TargetRecord>)
  | ({ kind: 'values' } & DryRun<ValueRecord>);

/**
 * A table through a profile to a dry run: nothing written. Refused whole when the profile no
 * longer fits the file; otherwise every row is planned or rejected with its issues.
 */
export function dryRun(input: DryRunInput): Result<AnyDryRun, ProfileMismatch> {
  const mapped = mapRows(input.table, input.profile);
  if (!mapped.ok) return err(mapped.error);
  const ctx = readContext(input.refs, input.table.source.date1904 === true);
  if (input.profile.kind === 'activities')
    return ok({
      kind: 'activities',
      ...planImport(
        mapped.value.map((row) => checkActivityRow(row, ctx)),
        input.existing,
      ),
    });
  if (input.profile.kind === 'incidents')
    return ok({
      kind: 'incidents',
      ...planImport(
        mapped.value.map((row) => checkIncidentRow(row, ctx)),
        input.existing,
      ),
    });
  if (input.profile.kind === 'targets')
    return ok({
      kind: 'targets',
      ...planImport(
        mapped.value.map((row) => checkTargetRow(row, ctx, input.refs.indicators ?? [])),
        input.existing,
      ),
    });
  if (input.profile.kind === 'values')
    return ok({
      kind: 'values',
      ...planImport(
        mapped.value.map((row) => checkValueRow(row, ctx, input.refs.indicators ?? [])),
        input.existing,
      ),
    });
  return ok({
    kind: 'attendance',
    ...planImport(
      mapped.value.map((row) => checkAttendanceRow(row, ctx, input.batchActivities)),
      input.existing,
    ),
  });
}
