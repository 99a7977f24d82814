import type { Database } from '@jalon/db';
import type { Actor } from './auth/sessions';
import type { ReadCache } from './services/read-cache';

export type Locale = 'fr' | 'en';

/**
 * What every procedure receives. Injected by the caller (the Hono server from the session
 * cookie, a test, the CLI), so routers never open connections or read cookies themselves.
 * `actor` is who calls (null: nobody signed in); `organisationId` is the tenant the call acts
 * for, always the actor's.
 */
export interface Context {
  db: Database;
  /**
   * Where report, dashboard and pivot reads go: a PostgreSQL streaming replica when
   * `DATABASE_READ_URL` is set, otherwise `db` itself. Only read procedures that may lag behind
   * the primary by the replica's replay delay use it; writes, transactions and anything that
   * must see what was just written (a report submission) use `db`.
   */
  readDb: Database;
  actor: Actor | null;
  organisationId: string | null;
  locale: Locale;
  /**
   * The server's cache of heavy read results (indicator values, the dashboard), kept while the
   * organisation's facts stamp is unchanged; absent (tests, the CLI): every read computes.
   */
  readCache?: ReadCache | undefined;
}

export function createContext(init: {
  db: Database;
  readDb?: Database | undefined;
  actor: Actor | null;
  locale?: Locale;
  readCache?: ReadCache | undefined;
}): Context {
  return {
    db: init.db,
    readDb: init.readDb ?? init.db,
    actor: init.actor,
    organisationId: init.actor?.organisationId ?? null,
    locale: init.locale ?? 'fr',
    readCache: init.readCache,
  };
}

/**
 * The actor of a trusted caller on the server's own machine (the `jalon` CLI, benchmarks, tests):
 * a network administrator of the organisation, recorded as nobody (`userId` null) in the audit
 * log. Never built from anything a request carries.
 */
export function systemActor(organisationId: string, role: Actor['role'] = 'network-admin'): Actor {
  return { userId: null, organisationId, role, programmeIds: [], grantIds: [] };
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
