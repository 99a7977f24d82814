import type { Locale, LocalizedText } from '../localized-text';
import { capitalised, CATEGORY_NAMES, DIMENSION_NAMES, PERSON_NAMES } from './labels';

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

/** The age groups, youngest first. */
export const AGE_GROUPS = ['child', 'youth', 'adult'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

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
    categories: AGE_GROUPS.map((code) => ({
      code,
      label: withAgeBand(age[code], code, youthBand),
    })),
    complete: true,
  };
}

/**
 * A name of an age group with its band in years, in every language: the one rule for
 * « (moins de 18 ans) », « (18–35 ans) », « (plus de 35 ans) ».
 * @example withAgeBand({ fr: 'jeune', en: 'young person' }, 'youth').en // 'young person (18–35)'
 */
export function withAgeBand(
  name: LocalizedText,
  group: AgeGroup,
  youthBand: AgeBand = DEFAULT_YOUTH_BAND,
): LocalizedText {
  const band = {
    child: { fr: `moins de ${youthBand.min} ans`, en: `under ${youthBand.min}` },
    youth: {
      fr: `${youthBand.min}–${youthBand.max} ans`,
      en: `${youthBand.min}–${youthBand.max}`,
    },
    adult: { fr: `plus de ${youthBand.max} ans`, en: `over ${youthBand.max}` },
  }[group];
  return { fr: `${name.fr} (${band.fr})`, en: `${name.en} (${band.en})` };
}

/**
 * One person's sex or age group in words, as a form's option or a register's cell says it
 * (« Femme », « Jeune (18–35 ans) »); undefined for a code the table does not know.
 * @example personCategoryLabel('age', 'child', 'fr') // 'Enfant (moins de 18 ans)'
 */
export function personCategoryLabel(
  dimension: string,
  code: string,
  locale: Locale,
  youthBand: AgeBand = DEFAULT_YOUTH_BAND,
): string | undefined {
  if (dimension === 'sex' && Object.hasOwn(PERSON_NAMES.sex, code))
    return capitalised(PERSON_NAMES.sex[code as keyof typeof PERSON_NAMES.sex][locale]);
  if (dimension === 'age' && (AGE_GROUPS as readonly string[]).includes(code)) {
    const group = code as AgeGroup;
    return capitalised(withAgeBand(PERSON_NAMES.age[group], group, youthBand)[locale]);
  }
  return undefined;
}

/**
 * The age-group category of an age in whole years.
 * @example ageGroupOf(35) // 'youth'
 */
export function ageGroupOf(age: number, youthBand: AgeBand = DEFAULT_YOUTH_BAND): AgeGroup {
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
