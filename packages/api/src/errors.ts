import type { ApprovalFailure, CommandFailure, RowRefusal, UsedBy } from '@jalon/db';
import type { ConsistencyIssue } from '@jalon/domain';
import { rowRanges, type MappingProfile } from '@jalon/import';
import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import type { DenyReason } from './auth/permissions';
import type { Locale } from './context';
import { locales, message, messageText, sameText, type Message } from './messages';

export { message, messageText, sameText, type Message } from './messages';

/** Domain and repository failures the API knows how to explain. */
export type ApiFailure =
  | { kind: 'not-found'; entity: Message }
  | { kind: 'invalid-input'; message: Message }
  | { kind: 'no-organisation' }
  | { kind: 'conflict'; entity: Message; currentVersion: number }
  | { kind: 'locked'; grant: string; period: string }
  | { kind: 'duplicate'; what: Message; value: string }
  | { kind: 'unknown-reference'; what: Message; ids: string[] }
  | { kind: 'in-use'; entity: Message; uses: { by: UsedBy; count: number }[] }
  | { kind: 'frozen'; grant: string; periods: string[]; fields: Message[] }
  // The refusals of one procedure or service, each said through its own message key.
  | { kind: 'control-character'; path: string; codePoint: string }
  | { kind: 'client-request-reused' }
  | { kind: 'figures-changed' }
  | { kind: 'inconsistent-breakdown'; issues: ConsistencyIssue[] }
  | ({ the: Message; entity: Message } & Extract<ApprovalFailure, { kind: 'wrong-status' }>)
  | { kind: 'own-submission'; the: Message }
  | { kind: 'import-kind-refused'; importKind: MappingProfile['kind']; reason: DenyReason }
  | { kind: 'import-file-refused'; code: string; message: Message }
  | { kind: 'import-batch-not-found' }
  | { kind: 'import-other-importer' }
  | { kind: 'import-wrong-status'; message: Message }
  | { kind: 'import-rows-refused'; rows: RowRefusal[] };

const codes: Record<ApiFailure['kind'], TRPC_ERROR_CODE_KEY> = {
  'not-found': 'NOT_FOUND',
  'invalid-input': 'BAD_REQUEST',
  'no-organisation': 'PRECONDITION_FAILED',
  conflict: 'CONFLICT',
  locked: 'PRECONDITION_FAILED',
  duplicate: 'CONFLICT',
  'unknown-reference': 'BAD_REQUEST',
  'in-use': 'CONFLICT',
  frozen: 'PRECONDITION_FAILED',
  'control-character': 'BAD_REQUEST',
  'client-request-reused': 'CONFLICT',
  'figures-changed': 'CONFLICT',
  'inconsistent-breakdown': 'BAD_REQUEST',
  'wrong-status': 'PRECONDITION_FAILED',
  'own-submission': 'FORBIDDEN',
  'import-kind-refused': 'FORBIDDEN',
  'import-file-refused': 'BAD_REQUEST',
  'import-batch-not-found': 'NOT_FOUND',
  'import-other-importer': 'FORBIDDEN',
  'import-wrong-status': 'CONFLICT',
  'import-rows-refused': 'PRECONDITION_FAILED',
};

/** The tRPC code of a failure: nobody signed in is 401 wherever a refusal would be 403. */
function codeOf(failure: ApiFailure): TRPC_ERROR_CODE_KEY {
  if (failure.kind === 'import-kind-refused' && failure.reason === 'unauthenticated')
    return 'UNAUTHORIZED';
  return codes[failure.kind];
}

/** What a failure carries for a caller that reads more than its words (rows, issues, file code). */
function causeOf(failure: ApiFailure): unknown {
  switch (failure.kind) {
    case 'inconsistent-breakdown':
      return { issues: failure.issues };
    case 'import-file-refused':
      return Object.assign(new Error(failure.code), { importCode: failure.code });
    case 'import-rows-refused':
      return Object.assign(new Error('rows refused'), { rows: failure.rows });
    default:
      return undefined;
  }
}

/** A failure said in `locale`, through the message tables (messages/). */
function messageOf(failure: ApiFailure, locale: Locale): string {
  switch (failure.kind) {
    case 'not-found':
      return message('error.not-found', locale, { entity: failure.entity });
    case 'invalid-input':
      return failure.message[locale];
    case 'no-organisation':
      return message('error.no-organisation', locale);
    case 'conflict':
      return message('error.conflict', locale, {
        entity: failure.entity,
        version: failure.currentVersion,
      });
    case 'locked':
      return message('error.locked', locale, { grant: failure.grant, period: failure.period });
    case 'duplicate':
      return message('error.duplicate', locale, { what: failure.what, value: failure.value });
    case 'unknown-reference':
      return message('error.unknown-reference', locale, { what: failure.what, ids: failure.ids });
    case 'in-use':
      return message('error.in-use', locale, {
        entity: failure.entity,
        uses: failure.uses.map((u) => message(`used-by.${u.by}`, locale, { count: u.count })),
      });
    case 'frozen':
      return message('error.frozen', locale, {
        grant: failure.grant,
        periods: failure.periods,
        fields: failure.fields,
      });
    case 'control-character':
      return message('trpc.control-character', locale, {
        path: failure.path,
        codePoint: failure.codePoint,
      });
    case 'client-request-reused':
      return message('client-request.reused', locale);
    case 'figures-changed':
      return message('report.figures-changed', locale);
    case 'inconsistent-breakdown':
      return message('activity.inconsistent-breakdown', locale, {
        issues: failure.issues.map((e) => e.message[locale]),
      });
    case 'wrong-status':
      return message('approval.wrong-status', locale, {
        the: failure.the,
        entity: failure.entity,
        status: message(`status.${failure.status}`, locale),
        from: message(`move-from.${failure.action}`, locale),
        move: message(`move.${failure.action}`, locale),
      });
    case 'own-submission':
      return message('approval.own-submission', locale, { the: failure.the });
    case 'import-kind-refused':
      return message('import.kind-refused', locale, { kind: failure.importKind });
    case 'import-file-refused':
      return `${failure.message[locale]} (${failure.code})`;
    case 'import-batch-not-found':
      return message('import.batch-not-found', locale);
    case 'import-other-importer':
      return message('import.other-importer', locale);
    case 'import-wrong-status':
      return failure.message[locale];
    case 'import-rows-refused':
      return refusalText(failure.rows, locale);
  }
}

/**
 * `Rien n’a été importé : 3 lignes ne peuvent pas être écrites. Lignes 4–6 : … ; ligne 9 : …`,
 * rows with the same message said once.
 */
export function refusalText(rows: readonly RowRefusal[], locale: Locale): string {
  const byMessage = new Map<string, number[]>();
  for (const r of rows) {
    const m = r.message[locale];
    byMessage.set(m, [...(byMessage.get(m) ?? []), r.rowNumber]);
  }
  const parts = [...byMessage.entries()].slice(0, 10).map(([text, ns]) =>
    message('import.refused-rows.part', locale, {
      count: ns.length,
      ranges: rowRanges(ns, locale),
      text,
    }),
  );
  const more = byMessage.size > 10 ? message('import.refused-rows.more', locale) : '';
  return message('import.refused-rows', locale, { count: rows.length, lines: parts, more });
}

/**
 * The one place where an expected failure becomes a tRPC error: the code says what happened,
 * the message says it in the caller's language.
 */
export function toTRPCError(failure: ApiFailure, locale: Locale): TRPCError {
  const cause = causeOf(failure);
  return new TRPCError({
    code: codeOf(failure),
    message: messageOf(failure, locale),
    ...(cause === undefined ? {} : { cause }),
  });
}

/** A failure said in every language, for an answer that carries it instead of throwing it. */
export function failureText(failure: ApiFailure): Message {
  return Object.fromEntries(locales.map((l) => [l, messageOf(failure, l)])) as Message;
}

/** A refused call: 401 when nobody is signed in, 403 otherwise, said in the caller's language. */
export function deniedError(reason: DenyReason, locale: Locale): TRPCError {
  return new TRPCError({
    code: reason === 'unauthenticated' ? 'UNAUTHORIZED' : 'FORBIDDEN',
    message: message(`denied.${reason}`, locale),
  });
}

/**
 * An indicator's fields as messages name them: which field of a definition is wrong, and which
 * parts of it a change refused in a locked period would touch.
 */
export const indicatorFieldNames: Record<string, Message> = {
  code: messageText('field.code'),
  title: messageText('field.title'),
  titleEn: messageText('field.titleEn'),
  unit: messageText('field.unit'),
  direction: messageText('field.direction'),
  timeRule: messageText('field.timeRule'),
  subPeriod: messageText('field.subPeriod'),
  cumulative: messageText('field.cumulative'),
  achievementRule: messageText('field.achievementRule'),
  source: messageText('field.source'),
  dimensions: messageText('field.dimensions'),
  grant: messageText('field.grant'),
  node: messageText('field.node'),
};

/** Throws the tRPC error for a refused command on an `entity` (activity, incident…). */
export function failCommand(error: CommandFailure, entity: Message, locale: Locale): never {
  switch (error.kind) {
    case 'not-found':
      throw toTRPCError({ kind: 'not-found', entity }, locale);
    case 'conflict':
      throw toTRPCError({ kind: 'conflict', entity, currentVersion: error.currentVersion }, locale);
    case 'locked':
      throw toTRPCError({ kind: 'locked', grant: error.grant, period: error.period }, locale);
    case 'duplicate-code':
      throw toTRPCError(
        { kind: 'duplicate', what: messageText('error.duplicate-code'), value: error.code },
        locale,
      );
    case 'unknown-reference':
      throw toTRPCError(
        {
          kind: 'unknown-reference',
          what: messageText(`entity.${error.what}`),
          ids: error.ids,
        },
        locale,
      );
    case 'in-use':
      throw toTRPCError(
        {
          kind: 'in-use',
          entity,
          uses: error.uses,
        },
        locale,
      );
    case 'frozen':
      throw toTRPCError(
        {
          kind: 'frozen',
          grant: error.grant,
          periods: error.periods,
          fields: error.fields.map((f) => indicatorFieldNames[f] ?? sameText(f)),
        },
        locale,
      );
    case 'invalid':
      throw toTRPCError({ kind: 'invalid-input', message: error.message }, locale);
  }
}
