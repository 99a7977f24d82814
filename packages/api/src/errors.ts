import type { CommandFailure } from '@jalon/db';
import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import type { DenyReason } from './auth/permissions';
import type { Locale } from './context';

export interface Message {
  fr: string;
  en: string;
}

/** Domain and repository failures the API knows how to explain. */
export type ApiFailure =
  | { kind: 'not-found'; entity: Message }
  | { kind: 'invalid-input'; message: Message }
  | { kind: 'no-organisation' }
  | { kind: 'conflict'; entity: Message; currentVersion: number }
  | { kind: 'locked'; grant: string; period: string }
  | { kind: 'duplicate'; what: Message; value: string }
  | { kind: 'unknown-reference'; what: Message; ids: string[] }
  | { kind: 'in-use'; entity: Message; by: Message; count: number };

const codes: Record<ApiFailure['kind'], TRPC_ERROR_CODE_KEY> = {
  'not-found': 'NOT_FOUND',
  'invalid-input': 'BAD_REQUEST',
  'no-organisation': 'PRECONDITION_FAILED',
  conflict: 'CONFLICT',
  locked: 'PRECONDITION_FAILED',
  duplicate: 'CONFLICT',
  'unknown-reference': 'BAD_REQUEST',
  'in-use': 'CONFLICT',
};

function messageOf(failure: ApiFailure): Message {
  switch (failure.kind) {
    case 'not-found':
      return {
        fr: `${capitalise(failure.entity.fr)} introuvable.`,
        en: `${capitalise(failure.entity.en)} not found.`,
      };
    case 'invalid-input':
      return failure.message;
    case 'no-organisation':
      return {
        fr: 'Aucune organisation n’est configurée : lancez `jalon seed` ou indiquez JALON_ORGANISATION.',
        en: 'No organisation is configured: run `jalon seed` or set JALON_ORGANISATION.',
      };
    case 'conflict':
      return {
        fr: `Quelqu’un a modifié cette ${failure.entity.fr} entre-temps (version ${failure.currentVersion}) : rechargez-la, vos changements n’ont pas été enregistrés.`,
        en: `Someone changed this ${failure.entity.en} in the meantime (version ${failure.currentVersion}): reload it; your changes were not saved.`,
      };
    case 'locked':
      return {
        fr: `La période ${failure.period} de la subvention ${failure.grant} est verrouillée par un rapport soumis : rien n’a été modifié. Un administrateur peut enregistrer une rectification motivée.`,
        en: `Period ${failure.period} of grant ${failure.grant} is locked by a submitted report: nothing was changed. An administrator may record a restatement with a reason.`,
      };
    case 'duplicate':
      return {
        fr: `${capitalise(failure.what.fr)} « ${failure.value} » existe déjà.`,
        en: `${capitalise(failure.what.en)} "${failure.value}" already exists.`,
      };
    case 'unknown-reference':
      return {
        fr: `${capitalise(failure.what.fr)} inconnu(e) pour cette organisation : ${failure.ids.join(', ')}.`,
        en: `Unknown ${failure.what.en} for this organisation: ${failure.ids.join(', ')}.`,
      };
    case 'in-use':
      return {
        fr: `${capitalise(failure.entity.fr)} est utilisé(e) par ${failure.count} ${failure.by.fr} : rien n’a été supprimé. Rattachez-les d’abord à un(e) autre ${failure.entity.fr}.`,
        en: `This ${failure.entity.en} is used by ${failure.count} ${failure.by.en}: nothing was removed. Move them to another ${failure.entity.en} first.`,
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

const denials: Record<DenyReason, Message> = {
  unauthenticated: {
    fr: 'Connectez-vous pour continuer : votre session a expiré ou vous n’êtes pas connecté(e).',
    en: 'Sign in to continue: your session has expired or you are not signed in.',
  },
  undeclared: {
    fr: 'Cette opération n’a pas de permission déclarée : elle est refusée à tous.',
    en: 'This operation has no declared permission: it is refused to everyone.',
  },
  role: {
    fr: 'Votre rôle ne permet pas cette opération.',
    en: 'Your role does not allow this operation.',
  },
  'read-only': {
    fr: 'Votre accès est en lecture seule : rien n’a été modifié.',
    en: 'Your access is read-only: nothing was changed.',
  },
  'no-resource': {
    fr: 'Précisez l’enregistrement visé par cette opération.',
    en: 'Name the record this operation is for.',
  },
  'other-organisation': {
    fr: 'Cet enregistrement n’appartient pas à votre organisation.',
    en: 'This record does not belong to your organisation.',
  },
  'other-programme': {
    fr: 'Cet enregistrement relève d’un programme qui ne vous est pas attribué.',
    en: 'This record belongs to a programme you are not assigned to.',
  },
  'other-grant': {
    fr: 'Cet enregistrement relève d’une subvention à laquelle vous n’avez pas accès.',
    en: 'This record belongs to a grant you have no access to.',
  },
};

/** A refused call: 401 when nobody is signed in, 403 otherwise, said in the caller's language. */
export function deniedError(reason: DenyReason, locale: Locale): TRPCError {
  return new TRPCError({
    code: reason === 'unauthenticated' ? 'UNAUTHORIZED' : 'FORBIDDEN',
    message: denials[reason][locale],
  });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const referenceNames: Record<
  Extract<CommandFailure, { kind: 'unknown-reference' }>['what'],
  Message
> = {
  programme: { fr: 'programme', en: 'programme' },
  place: { fr: 'lieu', en: 'place' },
  grant: { fr: 'subvention', en: 'grant' },
  donor: { fr: 'bailleur', en: 'donor' },
  'result-node': { fr: 'élément du cadre de résultats', en: 'results-framework node' },
};

const users: Record<Extract<CommandFailure, { kind: 'in-use' }>['by'], Message> = {
  programme: { fr: 'programme(s)', en: 'programme(s)' },
  place: { fr: 'lieu(x)', en: 'place(s)' },
  grant: { fr: 'subvention(s)', en: 'grant(s)' },
  donor: { fr: 'bailleur(s)', en: 'donor(s)' },
  'result-node': { fr: 'élément(s) du cadre de résultats', en: 'results-framework node(s)' },
  activity: { fr: 'activité(s)', en: 'activit(y/ies)' },
  incident: { fr: 'incident(s)', en: 'incident(s)' },
  indicator: { fr: 'indicateur(s)', en: 'indicator(s)' },
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
        { kind: 'duplicate', what: { fr: 'le code', en: 'code' }, value: error.code },
        locale,
      );
    case 'unknown-reference':
      throw toTRPCError(
        { kind: 'unknown-reference', what: referenceNames[error.what], ids: error.ids },
        locale,
      );
    case 'in-use':
      throw toTRPCError(
        { kind: 'in-use', entity, by: users[error.by], count: error.count },
        locale,
      );
    case 'invalid':
      throw toTRPCError({ kind: 'invalid-input', message: error.message }, locale);
  }
}
