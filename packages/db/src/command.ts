import type { Result } from '@jalon/domain';
import type { Database } from './client';
import { auditLog } from './schema/index';

/**
 * The foundation every command of this package stands on: what a refusal says, how a command
 * answers (the domain's `Result`, never a second result type) and the transaction it runs in.
 */

/** Why a command was refused; the API turns each into its error. */
export type CommandFailure =
  | { kind: 'not-found' }
  | { kind: 'conflict'; currentVersion: number }
  | { kind: 'unknown-reference'; what: ReferenceKind; ids: string[] }
  | { kind: 'locked'; grant: string; period: string }
  | { kind: 'duplicate-code'; code: string }
  /**
   * the record is still used by others (a donor by its grants, a programme by its activities and
   * grants…): removing it would break them. `uses` lists each kind of user with how many, none zero.
   */
  | { kind: 'in-use'; uses: Use[] }
  /**
   * the change would alter what a submitted report counted: an indicator's definition once a
   * period of its grant is locked (`fields`: what the change touched; `periods`: the locked ones)
   */
  | { kind: 'frozen'; grant: string; periods: string[]; fields: string[] }
  /** the input breaks a rule only the stored data can check (a node under a parent of the wrong level) */
  | { kind: 'invalid'; message: { fr: string; en: string } };

/** What a command's input may name that must exist in the organisation. */
export type ReferenceKind = 'programme' | 'place' | 'grant' | 'donor' | 'result-node' | 'indicator';

/** What may still use a record that is asked to be removed. */
export type UsedBy =
  | ReferenceKind
  | 'activity'
  | 'attendance'
  | 'incident'
  | 'indicator'
  | 'deliverable'
  | 'report-snapshot'
  | 'period-lock'
  | 'restatement'
  | 'indicator-comment'
  | 'target'
  | 'baseline'
  | 'manual-value'
  | 'formula'
  | 'user-access'
  | 'indicator-filter';

/** One kind of record that still uses another, and how many of them. */
export interface Use {
  by: UsedBy;
  count: number;
}

/** The refusal of a removal while anything still uses the record, or null when nothing does. */
export function inUse(uses: readonly Use[]): CommandFailure | null {
  const left = uses.filter((u) => u.count > 0);
  return left.length ? { kind: 'in-use', uses: left } : null;
}

/** What a command answers: its value, or why it was refused. */
export type CommandResult<T> = Result<T, CommandFailure>;

/**
 * The transaction a command runs in (what `db.transaction` hands its callback). It is a `Database`
 * too: every read that takes a `Database` runs inside the command's transaction when handed one,
 * with no cast (`AssertTxIsDatabase` below fails to compile the day a drizzle upgrade breaks that).
 */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Compiles only while a transaction can stand where a database is expected. */
export type AssertTxIsDatabase = Tx extends Database ? true : never;
const txIsDatabase: AssertTxIsDatabase = true;
void txIsDatabase;

/** One line of the audit log: who did what to which record, with its values before and after. */
export interface AuditLine {
  organisationId: string;
  userId: string | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Records one or more lines in the audit log, inside the command's transaction: the change and
 * its record stand or fall together. Every write of `audit_log` goes through here.
 */
export async function writeAudit(tx: Tx, entries: AuditLine | readonly AuditLine[]) {
  const rows = Array.isArray(entries) ? entries : [entries];
  if (rows.length) await tx.insert(auditLog).values(rows);
}
