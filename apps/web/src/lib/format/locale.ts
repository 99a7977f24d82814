import type { Locale } from '$lib/paraglide/runtime';

/**
 * The Intl locale for numbers and dates. English uses British conventions (`9 May 2023`), as
 * the anglophone networks of the region (Ghana, Nigeria, Liberia, Sierra Leone) do.
 */
export function intlLocale(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : 'fr-FR';
}
