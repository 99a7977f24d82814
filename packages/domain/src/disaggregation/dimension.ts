import type { LocalizedText } from '../localized-text';
import { CATEGORY_NAMES, DIMENSION_NAMES } from './labels';

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

/** The categories of a dimension, in the order of the label table. */
function categoriesOf(dimension: 'sex' | 'disability' | 'category'): Category[] {
  return Object.entries(CATEGORY_NAMES[dimension]).map(([code, label]) => ({ code, label }));
}

/** Sex of participants. */
export const SEX_DIMENSION: Dimension = {
  code: 'sex',
  label: DIMENSION_NAMES.sex,
  categories: categoriesOf('sex'),
  complete: true,
};

/**
 * The age-group dimension for a youth band: `child` below it, `youth` in it, `adult` above it.
 * @example ageDimension({ min: 15, max: 24 }).categories[1].label.fr // 'jeunes (15–24 ans)'
 */
export function ageDimension(youthBand: AgeBand = DEFAULT_YOUTH_BAND): Dimension {
  const age = CATEGORY_NAMES.age;
  return {
    code: 'age',
    label: DIMENSION_NAMES.age,
    categories: [
      {
        code: 'child',
        label: {
          fr: `${age.child.fr} (moins de ${youthBand.min} ans)`,
          en: `${age.child.en} (under ${youthBand.min})`,
        },
      },
      {
        code: 'youth',
        label: {
          fr: `${age.youth.fr} (${youthBand.min}–${youthBand.max} ans)`,
          en: `${age.youth.en} (${youthBand.min}–${youthBand.max})`,
        },
      },
      {
        code: 'adult',
        label: {
          fr: `${age.adult.fr} (plus de ${youthBand.max} ans)`,
          en: `${age.adult.en} (over ${youthBand.max})`,
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
  label: DIMENSION_NAMES.disability,
  categories: categoriesOf('disability'),
  complete: true,
};

/** The role a participant comes in; `other` closes the list, so each person has exactly one. */
export const PARTICIPANT_CATEGORY_DIMENSION: Dimension = {
  code: 'category',
  label: DIMENSION_NAMES.category,
  categories: categoriesOf('category'),
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
