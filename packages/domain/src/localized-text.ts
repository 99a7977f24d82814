/** The interface languages, French first. */
export const LOCALES = ['fr', 'en'] as const;

/** One of {@link LOCALES}. */
export type Locale = (typeof LOCALES)[number];

/** A text in every interface language. */
export type LocalizedText = { fr: string; en: string };

/** An expected failure carrying a stable code and a message an officer can read. */
export type DomainError<C extends string = string> = { code: C; message: LocalizedText };

/**
 * Builds a {@link DomainError}.
 * @example domainError('no-data', 'Aucune donnée', 'No data')
 */
export function domainError<C extends string>(code: C, fr: string, en: string): DomainError<C> {
  return { code, message: { fr, en } };
}
