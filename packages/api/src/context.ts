import type { Database } from '@jalon/db';

export type Locale = 'fr' | 'en';

/**
 * What every procedure receives. Injected by the caller (the Hono server, a test, the CLI), so
 * routers never open connections themselves. `organisationId` is the tenant the request acts
 * for; until accounts exist it is the server's configured organisation.
 */
export interface Context {
  db: Database;
  organisationId: string | null;
  locale: Locale;
}

export function createContext(init: {
  db: Database;
  organisationId: string | null;
  locale?: Locale;
}): Context {
  return { db: init.db, organisationId: init.organisationId, locale: init.locale ?? 'fr' };
}

/** Picks French unless the client prefers English (Accept-Language or the `lang` cookie). */
export function localeFrom(
  acceptLanguage: string | null | undefined,
  cookie?: string | null,
): Locale {
  const fromCookie = cookie?.match(/(?:^|;\s*)(?:PARAGLIDE_LOCALE|lang)=(fr|en)\b/)?.[1];
  if (fromCookie === 'fr' || fromCookie === 'en') return fromCookie;
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'fr';
}
