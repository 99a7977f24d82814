import type { CommandFailure, UsedBy } from '@jalon/db';
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
  | { kind: 'in-use'; entity: Message; uses: { by: Counted; count: number }[] }
  | { kind: 'frozen'; grant: string; periods: string[]; fields: Message[] };

/** A noun in the singular and the plural, in both languages ("1 activité", "3 activities"). */
export interface Counted {
  fr: [string, string];
  en: [string, string];
}

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
        fr: 'Aucune organisation n’est configurée : lancez `jalon seed` ou indiquez JALON_ORGANISATION.',
        en: 'No organisation is configured: run `jalon seed` or set JALON_ORGANISATION.',
      };
    case 'conflict':
      return {
        fr: `Quelqu’un a modifié cette ${failure.entity.fr} entre-temps (version ${failure.currentVersion}) : rechargez-la, vos changements n’ont pas été enregistrés.`,
        en: `Someone changed this ${failure.entity.en} in the meantime (version ${failure.currentVersion}): reload it; your changes were not saved.`,
      };
    case 'locked':
      return {
        fr: `La période ${failure.period} de la subvention ${failure.grant} est verrouillée par un rapport soumis : rien n’a été modifié. Un administrateur peut enregistrer une rectification motivée.`,
        en: `Period ${failure.period} of grant ${failure.grant} is locked by a submitted report: nothing was changed. An administrator may record a restatement with a reason.`,
      };
    case 'duplicate':
      return {
        fr: `${capitalise(failure.what.fr)} « ${failure.value} » existe déjà.`,
        en: `${capitalise(failure.what.en)} "${failure.value}" already exists.`,
      };
    case 'unknown-reference':
      return {
        fr: `${capitalise(failure.what.fr)} inconnu(e) pour cette organisation : ${failure.ids.join(', ')}.`,
        en: `Unknown ${failure.what.en} for this organisation: ${failure.ids.join(', ')}.`,
      };
    case 'in-use': {
      const uses = (locale: 'fr' | 'en') =>
        listed(
          failure.uses.map((u) => `${u.count} ${u.by[locale][u.count === 1 ? 0 : 1]}`),
          locale,
        );
      return {
        fr: `${capitalise(failure.entity.fr)} encore utilisé(e) par ${uses('fr')} : rien n’a été supprimé. Supprimez-les ou rattachez-les ailleurs d’abord.`,
        en: `This ${failure.entity.en} is still used by ${uses('en')}: nothing was removed. Remove them or move them elsewhere first.`,
      };
    }
    case 'frozen': {
      const many = failure.periods.length > 1;
      const periods = (locale: 'fr' | 'en') => listed(failure.periods, locale);
      const fields = (locale: 'fr' | 'en') => failure.fields.map((f) => f[locale]).join(', ');
      return {
        fr: `La définition de cet indicateur est figée : ${many ? 'les périodes' : 'la période'} ${periods('fr')} de la subvention ${failure.grant} ${many ? 'sont verrouillées' : 'est verrouillée'} par un rapport soumis. Rien n’a été modifié (${fields('fr')}). L’intitulé et la description peuvent encore changer ; pour mesurer autrement, créez un nouvel indicateur.`,
        en: `This indicator's definition is frozen: ${many ? 'periods' : 'period'} ${periods('en')} of grant ${failure.grant} ${many ? 'are' : 'is'} locked by a submitted report. Nothing was changed (${fields('en')}). Its titles and description may still change; to measure differently, create a new indicator.`,
      };
    }
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
    fr: 'Connectez-vous pour continuer : votre session a expiré ou vous n’êtes pas connecté(e).',
    en: 'Sign in to continue: your session has expired or you are not signed in.',
  },
  undeclared: {
    fr: 'Cette opération n’a pas de permission déclarée : elle est refusée à tous.',
    en: 'This operation has no declared permission: it is refused to everyone.',
  },
  role: {
    fr: 'Votre rôle ne permet pas cette opération.',
    en: 'Your role does not allow this operation.',
  },
  'read-only': {
    fr: 'Votre accès est en lecture seule : rien n’a été modifié.',
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
  'password-change': {
    fr: 'Votre mot de passe est temporaire : choisissez-en un nouveau avant de continuer.',
    en: 'Your password is a temporary one: choose a new one before going on.',
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

/** `a, b et c` / `a, b and c`. */
function listed(items: readonly string[], locale: 'fr' | 'en'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${locale === 'fr' ? 'et' : 'and'} ${items.at(-1)}`;
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
  indicator: { fr: 'indicateur', en: 'indicator' },
};

const users: Record<UsedBy, Counted> = {
  programme: { fr: ['programme', 'programmes'], en: ['programme', 'programmes'] },
  place: { fr: ['lieu rattaché', 'lieux rattachés'], en: ['place under it', 'places under it'] },
  grant: { fr: ['subvention', 'subventions'], en: ['grant', 'grants'] },
  donor: { fr: ['bailleur', 'bailleurs'], en: ['donor', 'donors'] },
  'result-node': {
    fr: ['élément du cadre de résultats', 'éléments du cadre de résultats'],
    en: ['results-framework node', 'results-framework nodes'],
  },
  activity: { fr: ['activité', 'activités'], en: ['activity', 'activities'] },
  incident: { fr: ['incident', 'incidents'], en: ['incident', 'incidents'] },
  attendance: {
    fr: [
      'personne nommée dans la liste de présence',
      'personnes nommées dans la liste de présence',
    ],
    en: ['person named on the attendance list', 'people named on the attendance list'],
  },
  indicator: { fr: ['indicateur', 'indicateurs'], en: ['indicator', 'indicators'] },
  deliverable: { fr: ['livrable', 'livrables'], en: ['deliverable', 'deliverables'] },
  'report-snapshot': {
    fr: ['rapport soumis', 'rapports soumis'],
    en: ['submitted report', 'submitted reports'],
  },
  'period-lock': {
    fr: ['période verrouillée', 'périodes verrouillées'],
    en: ['locked period', 'locked periods'],
  },
  restatement: { fr: ['rectification', 'rectifications'], en: ['restatement', 'restatements'] },
  'indicator-comment': {
    fr: ['commentaire d’indicateur', 'commentaires d’indicateurs'],
    en: ['indicator comment', 'indicator comments'],
  },
  target: { fr: ['cible', 'cibles'], en: ['target', 'targets'] },
  baseline: {
    fr: ['valeur de référence', 'valeurs de référence'],
    en: ['baseline value', 'baseline values'],
  },
  'manual-value': {
    fr: ['valeur saisie', 'valeurs saisies'],
    en: ['value entered by hand', 'values entered by hand'],
  },
  formula: {
    fr: ['indicateur dont la formule le nomme', 'indicateurs dont la formule le nomme'],
    en: ['indicator whose formula names it', 'indicators whose formula names it'],
  },
  'user-access': {
    fr: ['accès d’utilisateur limité à lui', 'accès d’utilisateurs limités à lui'],
    en: ['user access limited to it', 'user accesses limited to it'],
  },
  'indicator-filter': {
    fr: ['indicateur dont le filtre le nomme', 'indicateurs dont le filtre le nomme'],
    en: ['indicator whose filter names it', 'indicators whose filter names it'],
  },
};

/**
 * An indicator's fields as messages name them: which field of a definition is wrong, and which
 * parts of it a change refused in a locked period would touch.
 */
export const indicatorFieldNames: Record<string, Message> = {
  code: { fr: 'code', en: 'code' },
  title: { fr: 'intitulé', en: 'title' },
  titleEn: { fr: 'intitulé anglais', en: 'English title' },
  unit: { fr: 'unité', en: 'unit' },
  direction: { fr: 'sens', en: 'direction' },
  timeRule: { fr: 'règle de temps', en: 'time rule' },
  subPeriod: { fr: 'sous-période', en: 'sub-period' },
  cumulative: { fr: 'cumul', en: 'cumulative' },
  achievementRule: { fr: 'règle d’atteinte', en: 'achievement rule' },
  source: { fr: 'source', en: 'source' },
  dimensions: { fr: 'ventilations', en: 'dimensions' },
  grant: { fr: 'subvention de rattachement', en: 'grant it reports under' },
  node: { fr: 'élément du cadre de résultats', en: 'results-framework node' },
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
        {
          kind: 'in-use',
          entity,
          uses: error.uses.map((u) => ({ by: users[u.by], count: u.count })),
        },
        locale,
      );
    case 'frozen':
      throw toTRPCError(
        {
          kind: 'frozen',
          grant: error.grant,
          periods: error.periods,
          fields: error.fields.map((f) => indicatorFieldNames[f] ?? { fr: f, en: f }),
        },
        locale,
      );
    case 'invalid':
      throw toTRPCError({ kind: 'invalid-input', message: error.message }, locale);
  }
}
