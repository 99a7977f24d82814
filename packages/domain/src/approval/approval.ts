/** Where a recorded fact (an activity, a value entered by hand) stands in its approval. */
export const RECORD_STATUSES = ['draft', 'submitted', 'validated'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

/** A move of the approval workflow: draft → submitted → validated, or back to draft. */
export const APPROVAL_ACTIONS = ['submit', 'validate', 'reject'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

/**
 * Where each move starts from, where it leads, and where it has nothing left to do: a move asked
 * again (a double click, a retried request) answers the record unchanged rather than an error.
 * The database commands apply it; the web app reads it to offer only the moves that can succeed.
 */
export const APPROVAL_MOVES: Record<
  ApprovalAction,
  { from: readonly RecordStatus[]; to: RecordStatus; done: readonly RecordStatus[] }
> = {
  submit: { from: ['draft'], to: 'submitted', done: ['submitted', 'validated'] },
  // Only what was submitted is validated: a draft is submitted first.
  validate: { from: ['submitted'], to: 'validated', done: ['validated'] },
  // An M&E officer sends back what was submitted, or withdraws a validation, with a reason.
  reject: { from: ['submitted', 'validated'], to: 'draft', done: ['draft'] },
};

/** The shortest reason a rejection or a restatement may give (after trimming). */
export const MIN_REASON_LENGTH = 5;
