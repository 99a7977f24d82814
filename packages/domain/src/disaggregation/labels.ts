import type { LocalizedText } from '../localized-text';

/*
 * The words of the breakdowns, in every interface language: the one table. The engine's default
 * dimensions, the pivot, the exports, the charts and the web app all read their dimension and
 * category names here (lower case, as a sentence uses them; `capitalised` for a heading).
 */

/** What each dimension is called: the participant breakdown's and the pivot's. */
export const DIMENSION_NAMES = {
  sex: { fr: 'sexe', en: 'sex' },
  age: { fr: 'tranche d’âge', en: 'age group' },
  disability: { fr: 'handicap', en: 'disability' },
  category: { fr: 'catégorie de participants', en: 'participant category' },
  period: { fr: 'mois', en: 'month' },
  programme: { fr: 'programme', en: 'programme' },
  grant: { fr: 'subvention', en: 'grant' },
  'activity-type': { fr: 'type d’activité', en: 'activity type' },
  region: { fr: 'région', en: 'region' },
  'incident-category': { fr: 'catégorie d’incident', en: 'incident category' },
} as const satisfies Record<string, LocalizedText>;

/** A dimension named in {@link DIMENSION_NAMES}. */
export type NamedDimension = keyof typeof DIMENSION_NAMES;

/**
 * What the people of each category are called, as plural nouns (« femmes », « jeunes »). The age
 * groups' bands are added by `ageDimension`, which knows the youth band.
 */
export const CATEGORY_NAMES = {
  sex: {
    female: { fr: 'femmes', en: 'women' },
    male: { fr: 'hommes', en: 'men' },
  },
  age: {
    child: { fr: 'enfants', en: 'children' },
    youth: { fr: 'jeunes', en: 'young people' },
    adult: { fr: 'adultes', en: 'adults' },
  },
  disability: {
    with: { fr: 'personnes handicapées', en: 'people with disabilities' },
    without: { fr: 'personnes sans handicap', en: 'people without disabilities' },
  },
  category: {
    'civil-society': { fr: 'société civile', en: 'civil society' },
    state: { fr: 'acteurs étatiques', en: 'state actors' },
    'security-forces': { fr: 'forces de défense et de sécurité', en: 'security forces' },
    'traditional-leader': {
      fr: 'autorités traditionnelles et religieuses',
      en: 'traditional and religious leaders',
    },
    media: { fr: 'médias', en: 'media' },
    other: { fr: 'autres', en: 'others' },
  },
} as const satisfies Record<string, Record<string, LocalizedText>>;

/**
 * What one person of a category is called, as a singular noun (« femme », « jeune »): the named
 * participant's sex and age group in the attendance list and the participant register. Only the
 * person-level dimensions: a person has a sex and an age group.
 */
export const PERSON_NAMES = {
  sex: {
    female: { fr: 'femme', en: 'woman' },
    male: { fr: 'homme', en: 'man' },
  },
  age: {
    child: { fr: 'enfant', en: 'child' },
    youth: { fr: 'jeune', en: 'young person' },
    adult: { fr: 'adulte', en: 'adult' },
  },
} as const satisfies Record<string, Record<string, LocalizedText>>;

/**
 * The name of a dimension, or undefined for a code the table does not know.
 * @example dimensionName('age')?.fr // 'tranche d’âge'
 */
export function dimensionName(code: string): LocalizedText | undefined {
  return Object.hasOwn(DIMENSION_NAMES, code) ? DIMENSION_NAMES[code as NamedDimension] : undefined;
}

/**
 * The name of a category of a dimension, or undefined for codes the table does not know.
 * @example categoryName('sex', 'female')?.en // 'women'
 */
export function categoryName(dimension: string, code: string): LocalizedText | undefined {
  if (!Object.hasOwn(CATEGORY_NAMES, dimension)) return undefined;
  const categories: Record<string, LocalizedText> =
    CATEGORY_NAMES[dimension as keyof typeof CATEGORY_NAMES];
  return Object.hasOwn(categories, code) ? categories[code] : undefined;
}

/**
 * A name as a heading or a list item starts it.
 * @example capitalised('jeunes') // 'Jeunes'
 */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
