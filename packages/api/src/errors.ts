import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import type { Locale } from './context';

export interface Message {
  fr: string;
  en: string;
}

/** Domain and repository failures the API knows how to explain. */
export type ApiFailure =
  | { kind: 'not-found'; entity: Message }
  | { kind: 'invalid-input'; message: Message }
  | { kind: 'no-organisation' };

const codes: Record<ApiFailure['kind'], TRPC_ERROR_CODE_KEY> = {
  'not-found': 'NOT_FOUND',
  'invalid-input': 'BAD_REQUEST',
  'no-organisation': 'PRECONDITION_FAILED',
};

function messageOf(failure: ApiFailure): Message {
  switch (failure.kind) {
    case 'not-found':
      return { fr: `${capitalise(failure.entity.fr)} introuvable.`, en: `${capitalise(failure.entity.en)} not found.` };
    case 'invalid-input':
      return failure.message;
    case 'no-organisation':
      return {
        fr: 'Aucune organisation n’est configurée : lancez `jalon seed` ou indiquez JALON_ORGANISATION.',
        en: 'No organisation is configured: run `jalon seed` or set JALON_ORGANISATION.',
      };
  }
}

/**
 * The one place where an expected failure becomes a tRPC error: the code says what happened,
 * the message says it in the caller's language.
 */
export function toTRPCError(failure: ApiFailure, locale: Locale): TRPCError {
  return new TRPCError({ code: codes[failure.kind], message: messageOf(failure)[locale] });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
