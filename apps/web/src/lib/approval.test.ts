import { describe, expect, it } from 'vitest';
import { approvalDone, approvalMoves, failureStatus, reasonProblem } from './approval';

describe('approvalMoves', () => {
  const everything = () => true;
  it('offers each move only in the status it starts from', () => {
    expect(approvalMoves('draft', everything, 'activity')).toEqual(['submit']);
    expect(approvalMoves('submitted', everything, 'activity')).toEqual(['validate', 'reject']);
    expect(approvalMoves('validated', everything, 'activity')).toEqual(['reject']);
  });

  it('offers nothing the role may not call', () => {
    const programmeOfficer = (p: string) => p === 'activity.submit';
    expect(approvalMoves('draft', programmeOfficer, 'activity')).toEqual(['submit']);
    expect(approvalMoves('submitted', programmeOfficer, 'activity')).toEqual([]);
    expect(approvalMoves('validated', () => false, 'activity')).toEqual([]);
    const asked: string[] = [];
    approvalMoves('submitted', (p) => (asked.push(p), false), 'activity');
    expect(asked).toEqual(['activity.validate', 'activity.reject']);
  });

  it('offers neither validate nor reject on her own submission under separation of duties', () => {
    expect(approvalMoves('submitted', everything, 'activity', true)).toEqual([]);
    expect(approvalMoves('submitted', everything, 'activity', false)).toEqual([
      'validate',
      'reject',
    ]);
    // once someone else has validated it, the flag no longer holds her back
    expect(approvalMoves('validated', everything, 'activity', true)).toEqual(['reject']);
    expect(approvalMoves('draft', everything, 'activity', true)).toEqual(['submit']);
  });
});

describe('reasonProblem', () => {
  it('refuses an empty or blank reason, and one shorter than the API accepts', () => {
    expect(reasonProblem('')).toBe('Indiquez le motif du rejet.');
    expect(reasonProblem('   \n ')).toBe('Indiquez le motif du rejet.');
    expect(reasonProblem(' abc ')).toBe('Le motif du rejet doit compter au moins 5 caractères.');
    expect(reasonProblem('Total à vérifier')).toBeNull();
  });
});

describe('approvalDone and failureStatus', () => {
  it('reads only the known moves back from the URL', () => {
    expect(approvalDone('reject')).toBe('reject');
    expect(approvalDone('delete')).toBeNull();
    expect(approvalDone(null)).toBeNull();
  });

  it('answers a conflict with 409 and a locked period or a wrong status with 412', () => {
    expect(failureStatus({ code: 'CONFLICT', detail: null })).toBe(409);
    expect(failureStatus({ code: 'PRECONDITION_FAILED', detail: null })).toBe(412);
    expect(failureStatus({ code: 'UNREACHABLE', detail: null })).toBe(502);
    expect(failureStatus({ code: 'BAD_REQUEST', detail: null })).toBe(400);
  });
});
