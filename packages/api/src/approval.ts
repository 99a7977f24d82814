import type { ApprovalAction, ApprovalFailure } from '@jalon/db';
import type { RecordStatus } from '@jalon/db/schema';
import { TRPCError } from '@trpc/server';
import type { Locale } from './context';
import { failCommand, type Message } from './errors';

/** How the statuses read, for a record whose name is feminine (une activité, une valeur). */
const statusNames: Record<RecordStatus, Message> = {
  draft: { fr: 'en brouillon', en: 'a draft' },
  submitted: { fr: 'soumise', en: 'submitted' },
  validated: { fr: 'validée', en: 'validated' },
};

const moves: Record<ApprovalAction, { fr: string; en: string; from: Message }> = {
  submit: { fr: 'soumise', en: 'submitted', from: { fr: 'en brouillon', en: 'a draft' } },
  validate: { fr: 'validée', en: 'validated', from: { fr: 'soumise', en: 'submitted' } },
  reject: {
    fr: 'renvoyée en brouillon',
    en: 'sent back to draft',
    from: { fr: 'soumise ou validée', en: 'submitted or validated' },
  },
};

/**
 * Throws the tRPC error for a refused approval move on a record (`entity`, with its
 * article: `cette activité`), in the caller's language; the commands' common failures go through
 * {@link failCommand}.
 */
export function failApproval(
  error: ApprovalFailure,
  entity: Message,
  locale: Locale,
  the: Message,
): never {
  if (error.kind === 'wrong-status') {
    const move = moves[error.action];
    const now = statusNames[error.status];
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message:
        locale === 'en'
          ? `${capitalise(the.en)} is ${now.en}: only a record that is ${move.from.en} can be ${move.en}. Nothing was changed.`
          : `${capitalise(the.fr)} est ${now.fr} : seule une ${entity.fr} ${move.from.fr} peut être ${move.fr}. Rien n’a été modifié.`,
    });
  }
  if (error.kind === 'own-submission') {
    // Separation of duties (the organisation's setting, on by default): a second pair of eyes.
    throw new TRPCError({
      code: 'FORBIDDEN',
      message:
        locale === 'en'
          ? `You submitted ${the.en} yourself: someone else must validate it (separation of duties). Nothing was changed.`
          : `Vous avez soumis ${the.fr} vous-même : une autre personne doit la valider (séparation des tâches). Rien n’a été modifié.`,
    });
  }
  return failCommand(error, entity, locale);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
