import type { LocalizedText } from '../localized-text';

/** A category of a dimension, e.g. `female` of `sex`. Labels are plural nouns ("femmes"). */
export type Category = { code: string; label: LocalizedText };

/**
 * A way of breaking down people: data, not code. `complete` says the categories partition everyone
 * (each person is in exactly one), so the parts of a complete dimension must add up to the whole.
 */
export type Dimension = {
  code: string;
  label: LocalizedText;
  categories: Category[];
  complete: boolean;
};

/** An age band in whole years, both ends inclusive. */
export type AgeBand = { min: number; max: number };

/** The youth band of the African Youth Charter and of WANEP's Y-TEaM programme: 18–35. */
export const DEFAULT_YOUTH_BAND: AgeBand = { min: 18, max: 35 };

/** Sex of participants. */
export const SEX_DIMENSION: Dimension = {
  code: 'sex',
  label: { fr: 'sexe', en: 'sex' },
  categories: [
    { code: 'female', label: { fr: 'femmes', en: 'women' } },
    { code: 'male', label: { fr: 'hommes', en: 'men' } },
  ],
  complete: true,
};

/**
 * The age-group dimension for a youth band: `child` below it, `youth` in it, `adult` above it.
 * @example ageDimension({ min: 15, max: 24 }).categories[1].label.fr // 'jeunes (15–24 ans)'
 */
export function ageDimension(youthBand: AgeBand = DEFAULT_YOUTH_BAND): Dimension {
  return {
    code: 'age',
    label: { fr: "tranche d'âge", en: 'age group' },
    categories: [
      {
        code: 'child',
        label: {
          fr: `enfants (moins de ${youthBand.min} ans)`,
          en: `children (under ${youthBand.min})`,
        },
      },
      {
        code: 'youth',
        label: {
          fr: `jeunes (${youthBand.min}–${youthBand.max} ans)`,
          en: `young people (${youthBand.min}–${youthBand.max})`,
        },
      },
      {
        code: 'adult',
        label: {
          fr: `adultes (plus de ${youthBand.max} ans)`,
          en: `adults (over ${youthBand.max})`,
        },
      },
    ],
    complete: true,
  };
}

/**
 * The age-group category of an age in whole years.
 * @example ageGroupOf(35) // 'youth'
 */
export function ageGroupOf(
  age: number,
  youthBand: AgeBand = DEFAULT_YOUTH_BAND,
): 'child' | 'youth' | 'adult' {
  if (age < youthBand.min) return 'child';
  return age <= youthBand.max ? 'youth' : 'adult';
}

/** Disability status. */
export const DISABILITY_DIMENSION: Dimension = {
  code: 'disability',
  label: { fr: 'handicap', en: 'disability' },
  categories: [
    { code: 'with', label: { fr: 'personnes handicapées', en: 'people with disabilities' } },
    {
      code: 'without',
      label: { fr: 'personnes sans handicap', en: 'people without disabilities' },
    },
  ],
  complete: true,
};

/** The role a participant comes in; `other` closes the list, so each person has exactly one. */
export const PARTICIPANT_CATEGORY_DIMENSION: Dimension = {
  code: 'category',
  label: { fr: 'catégorie de participants', en: 'participant category' },
  categories: [
    { code: 'civil-society', label: { fr: 'société civile', en: 'civil society' } },
    { code: 'state', label: { fr: 'acteurs étatiques', en: 'state actors' } },
    {
      code: 'security-forces',
      label: { fr: 'forces de défense et de sécurité', en: 'security forces' },
    },
    {
      code: 'traditional-leader',
      label: {
        fr: 'autorités traditionnelles et religieuses',
        en: 'traditional and religious leaders',
      },
    },
    { code: 'media', label: { fr: 'médias', en: 'media' } },
    { code: 'other', label: { fr: 'autres', en: 'others' } },
  ],
  complete: true,
};

/**
 * The default dimensions: sex, age group (youth band configurable), disability, participant category.
 * @example defaultDimensions({ youthBand: { min: 15, max: 24 } }).map((d) => d.code) // ['sex', 'age', 'disability', 'category']
 */
export function defaultDimensions(options: { youthBand?: AgeBand } = {}): Dimension[] {
  return [
    SEX_DIMENSION,
    ageDimension(options.youthBand),
    DISABILITY_DIMENSION,
    PARTICIPANT_CATEGORY_DIMENSION,
  ];
}

/** {@link defaultDimensions} with the 18–35 youth band. */
export const DEFAULT_DIMENSIONS: readonly Dimension[] = defaultDimensions();
