import { m } from '$lib/paraglide/messages';
import type { ApiFailure } from '$lib/server/trpc';

/**
 * The approval workflow of a record as the pages offer it: pure helpers, no I/O, tested beside.
 * The API decides (permissions, versions, statuses); these only say which buttons to show and
 * check what can be checked before asking.
 */

export const approvalActions = ['submit', 'validate', 'reject'] as const;
export type ApprovalAction = (typeof approvalActions)[number];
export type RecordStatus = 'draft' | 'submitted' | 'validated';

/** What a refused move sends back to the page: the reason typed is never lost. */
export interface ApprovalFailure {
  action: ApprovalAction;
  reason: string;
  errors: { field: 'reason'; message: string }[];
  apiError: ApiFailure | null;
}

/** The API's own minimum (`activity.reject`: a reason of at least 5 characters). */
export const MIN_REASON_LENGTH = 5;

/** Why a rejection's reason is refused before asking the API, or null when it may go. */
export function reasonProblem(reason: string): string | null {
  const text = reason.trim();
  if (text === '') return m.approval_reason_required();
  if (text.length < MIN_REASON_LENGTH) return m.approval_reason_too_short();
  return null;
}

/**
 * The moves a user may make on a record in a status: her role allows the procedure
 * (`can(me, 'activity.submit')`…) and the workflow allows the move (a draft is submitted, a
 * submitted record validated, a submitted or validated one rejected back to draft).
 * @example approvalMoves('submitted', (p) => p !== 'activity.submit', 'activity') // ['validate', 'reject']
 */
export function approvalMoves(
  status: RecordStatus,
  allowed: (procedure: string) => boolean,
  entity: 'activity' | 'manualValue',
): ApprovalAction[] {
  const byStatus: Record<ApprovalAction, boolean> = {
    submit: status === 'draft',
    validate: status === 'submitted',
    reject: status === 'submitted' || status === 'validated',
  };
  return approvalActions.filter((action) => byStatus[action] && allowed(`${entity}.${action}`));
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
