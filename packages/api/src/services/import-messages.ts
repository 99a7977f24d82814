import type { LocalizedText } from '@jalon/domain';
import type { MappingProfile } from '@jalon/import';

type Kind = MappingProfile['kind'];

/** What each kind imports, as the messages name it. */
const KIND_NAMES: Record<Kind, LocalizedText> = {
  activities: { fr: 'des activités', en: 'activities' },
  attendance: { fr: 'des listes de présence', en: 'attendance lists' },
  incidents: { fr: 'des incidents', en: 'incidents' },
  targets: { fr: 'des cibles et valeurs de référence', en: 'targets and baselines' },
  values: { fr: 'des valeurs saisies', en: 'entered values' },
};

/** Why a row of each kind is outside a programme officer's reach. */
const OUTSIDE: Record<Kind, LocalizedText> = {
  activities: {
    fr: 'Le programme de cette ligne n’est pas l’un des vôtres',
    en: 'This row’s programme is not one of yours',
  },
  attendance: {
    fr: 'L’activité de cette ligne relève d’un programme qui n’est pas l’un des vôtres',
    en: 'This row’s activity belongs to a programme that is not one of yours',
  },
  incidents: {
    fr: 'Cet incident n’est rattaché à aucun de vos programmes',
    en: 'This incident belongs to none of your programmes',
  },
  targets: {
    fr: 'L’indicateur de cette ligne ne relève d’aucun de vos programmes',
    en: 'This row’s indicator belongs to none of your programmes',
  },
  values: {
    fr: 'L’indicateur de cette ligne relève d’une subvention d’aucun de vos programmes',
    en: 'This row’s indicator belongs to a grant of none of your programmes',
  },
};

/**
 * The import's own server words (a table, French and English side by side; a narrow no-break
 * space before « : » and inside « »). To be folded into the api's message catalogue.
 */
export const importMessages = {
  kindRefused: (kind: Kind): LocalizedText => ({
    fr: `Votre rôle ne permet pas d’importer ${KIND_NAMES[kind].fr}\u202f: vous ne pouvez pas les saisir à la main non plus.`,
    en: `Your role may not import ${KIND_NAMES[kind].en}: you may not enter them by hand either.`,
  }),
  otherProgramme: (kind: Kind): LocalizedText => ({
    fr: `${OUTSIDE[kind].fr}\u202f: un chargé de programme importe dans ses programmes seulement.`,
    en: `${OUTSIDE[kind].en}: a programme officer imports into her own programmes only.`,
  }),
  otherImporter: {
    fr: 'Ce lot d’import a été déposé par quelqu’un d’autre\u202f: un chargé de programme ne voit et n’importe que ses propres lots.',
    en: 'This import batch was uploaded by someone else: a programme officer sees and imports her own batches only.',
  },
  batchNotFound: { fr: 'Lot d’import introuvable.', en: 'Import batch not found.' },
} satisfies Record<string, LocalizedText | ((...a: never[]) => LocalizedText)>;
