import type { CommandFailure, UsedBy } from '@jalon/db';
import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import type { DenyReason } from './auth/permissions';
import type { Locale } from './context';
import { locales, message, messageText, sameText, type Message } from './messages';

export { message, messageText, sameText, type Message, type MessageKey } from './messages';

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
  | { kind: 'frozen'; grant: string; periods: string[]; fields: Message[] };

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
};

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
  }
}

/**
 * The one place where an expected failure becomes a tRPC error: the code says what happened,
 * the message says it in the caller's language.
 */
export function toTRPCError(failure: ApiFailure, locale: Locale): TRPCError {
  return new TRPCError({ code: codes[failure.kind], message: messageOf(failure, locale) });
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
