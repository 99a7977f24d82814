import {
  APPROVAL_ACTIONS,
  APPROVAL_MOVES,
  MIN_REASON_LENGTH,
  type ApprovalAction,
  type RecordStatus,
} from '@jalon/domain';
import type { ProcedurePath } from '@jalon/api';
import { m } from '$lib/paraglide/messages';
import type { ApiFailure } from '$lib/server/trpc';

/**
 * The approval workflow of a record as the pages offer it: pure helpers, no I/O, tested beside.
 * The API decides (permissions, versions, statuses); these only say which buttons to show and
 * check what can be checked before asking.
 */

export const approvalActions = APPROVAL_ACTIONS;
export type { ApprovalAction, RecordStatus };
export { MIN_REASON_LENGTH };

/** What a refused move sends back to the page: the reason typed is never lost. */
export interface ApprovalFailure {
  action: ApprovalAction;
  reason: string;
  errors: { field: 'reason'; message: string }[];
  apiError: ApiFailure | null;
}

/** Why a rejection's reason is refused before asking the API, or null when it may go. */
export function reasonProblem(reason: string): string | null {
  const text = reason.trim();
  if (text === '') return m.approval_reason_required();
  if (text.length < MIN_REASON_LENGTH) return m.approval_reason_too_short();
  return null;
}

/**
 * The moves a user may make on a record in a status: her role allows the procedure
 * (`can(me, 'activity.submit')`…) and the workflow allows the move (the domain's
 * `APPROVAL_MOVES`, which the database commands apply). On her own submission under separation
 * of duties (`ownSubmission`, the API's word) she decides nothing: neither validate nor reject.
 * @example approvalMoves('submitted', (p) => p !== 'activity.submit', 'activity') // ['validate', 'reject']
 */
export function approvalMoves(
  status: RecordStatus,
  allowed: (procedure: ProcedurePath) => boolean,
  entity: 'activity' | 'manualValue',
  ownSubmission = false,
): ApprovalAction[] {
  return approvalActions.filter(
    (action) =>
      APPROVAL_MOVES[action].from.includes(status) &&
      !(ownSubmission && status === 'submitted' && action !== 'submit') &&
      allowed(`${entity}.${action}` as const),
  );
}

/** The `?approbation=` a redirect carries after a move, if it names one. */
export function approvalDone(value: string | null): ApprovalAction | null {
  return (approvalActions as readonly string[]).includes(value ?? '')
    ? (value as ApprovalAction)
    : null;
}

/** The HTTP status of a page answering a refused API call. */
export function failureStatus(apiError: ApiFailure): number {
  switch (apiError.code) {
    case 'CONFLICT':
      return 409;
    case 'PRECONDITION_FAILED':
      return 412;
    case 'FORBIDDEN':
      return 403;
    case 'UNREACHABLE':
      return 502;
    default:
      return 400;
  }
}
