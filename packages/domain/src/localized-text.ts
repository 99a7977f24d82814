/** The interface languages, French first. */
export const LOCALES = ['fr', 'en'] as const;

/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];

/** A text in every interface language. */
export type LocalizedText = { fr: string; en: string };

/**
 * A text in every interface language, each said by `f` (a sentence built from parts that are
 * themselves said in each language).
 * @example inEachLanguage((l) => (l === 'fr' ? 'oui' : 'yes')) // { fr: 'oui', en: 'yes' }
 */
export function inEachLanguage(f: (locale: Locale) => string): LocalizedText {
  return Object.fromEntries(LOCALES.map((l) => [l, f(l)])) as LocalizedText;
}

/** An expected failure carrying a stable code and a message an officer can read. */
export type DomainError<C extends string = string> = { code: C; message: LocalizedText };

/**
 * Builds a {@link DomainError}.
 * @example domainError('no-data', 'Aucune donnée', 'No data')
 */
export function domainError<C extends string>(code: C, message: LocalizedText): DomainError<C>;
export function domainError<C extends string>(code: C, fr: string, en: string): DomainError<C>;
export function domainError<C extends string>(
  code: C,
  first: LocalizedText | string,
  en?: string,
): DomainError<C> {
  return { code, message: typeof first === 'string' ? { fr: first, en: en ?? '' } : first };
}

/**
 * A text in a locale as an output prints it: the text written in that language, else the other
 * one preceded by its language (« (fr) Treize sessions… »), so French is never taken for English.
 * `language` says in which language each side is written, when one is not its own.
 * @example textIn({ fr: 'Treize.', en: 'Treize.' }, { fr: 'fr', en: 'fr' }, 'en') // '(fr) Treize.'
 */
export function textIn(
  text: Partial<LocalizedText> | null | undefined,
  language: { fr: Locale; en: Locale } | null | undefined,
  locale: Locale,
): string | undefined {
  const said = text?.[locale];
  if (!said) return undefined;
  const written = language?.[locale] ?? locale;
  return written === locale ? said : `(${written}) ${said}`;
}
