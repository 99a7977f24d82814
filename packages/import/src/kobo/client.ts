import { err, ok, type DomainError, type Result } from '@jalon/domain';
import { koboPage, type KoboSubmission } from './json';

export type KoboPullErrorCode =
  | 'kobo-unauthorized'
  | 'kobo-asset-not-found'
  | 'kobo-unavailable'
  | 'kobo-malformed'
  | 'kobo-foreign-link';

export type KoboPullError = DomainError<KoboPullErrorCode> & { status?: number };

export interface KoboPullOptions {
  /** The Kobo server, e.g. `https://kf.kobotoolbox.org` or `https://eu.kobotoolbox.org`. */
  baseUrl: string;
  assetUid: string;
  /** The user's API token, sent as `Authorization: Token …`. */
  token: string;
  /** The last `_submission_time` imported (Kobo's UTC text, `2023-05-09T10:12:00`). */
  watermark?: string | null;
  /**
   * How far before the watermark to read again: Kobo does not push edits, and an edited
   * submission keeps its root uuid; re-reading a recent window brings corrections in (the
   * import's content hashes make the re-read rows "unchanged"). Default 7 days.
   */
  rereadWindowMs?: number;
  /** Results per page; Kobo allows at most 1,000. */
  pageSize?: number;
  /** A safety stop on `next` links. */
  maxPages?: number;
  fetch?: typeof fetch;
}

export interface KoboPullResult {
  submissions: KoboSubmission[];
  /** The new watermark: the latest `_submission_time` seen, or the old one. */
  watermark: string | null;
  /** The `_submission_time` the read started from (watermark minus the window), if any. */
  from: string | null;
  pages: number;
}

const DAY = 86_400_000;

/** Kobo's submission time (UTC, no zone: `2023-05-09T10:12:00`) minus a window, in the same form. */
export function minusWindow(time: string, ms: number): string {
  const t = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(time) ? time : `${time}Z`);
  if (Number.isNaN(t)) return time;
  return new Date(t - ms).toISOString().slice(0, 19);
}

function fail(code: KoboPullErrorCode, fr: string, en: string, status?: number): KoboPullError {
  return { code, message: { fr, en }, ...(status === undefined ? {} : { status }) };
}

/**
 * Pulls an asset's submissions from a Kobo server (API v2 `/api/v2/assets/{uid}/data/`), page
 * by page through the `next` links, from the watermark minus a re-read window, oldest first.
 * The token is only ever sent to the server given (a `next` link elsewhere is refused).
 */
export async function pullKobo(
  options: KoboPullOptions,
): Promise<Result<KoboPullResult, KoboPullError>> {
  const fetchFn = options.fetch ?? fetch;
  const base = new URL(options.baseUrl);
  const pageSize = Math.min(options.pageSize ?? 1000, 1000);
  const from = options.watermark
    ? minusWindow(options.watermark, options.rereadWindowMs ?? 7 * DAY)
    : null;
  const first = new URL(`/api/v2/assets/${encodeURIComponent(options.assetUid)}/data/`, base);
  first.searchParams.set('format', 'json');
  first.searchParams.set('limit', String(pageSize));
  first.searchParams.set('sort', JSON.stringify({ _submission_time: 1 }));
  if (from) first.searchParams.set('query', JSON.stringify({ _submission_time: { $gte: from } }));

  const submissions: KoboSubmission[] = [];
  let next: string | null = first.toString();
  let pages = 0;
  let watermark = options.watermark ?? null;
  while (next !== null) {
    const url = new URL(next);
    if (url.origin !== base.origin)
      return err(
        fail(
          'kobo-foreign-link',
          `Le serveur Kobo renvoie vers un autre serveur (${url.origin}) : arrêt, le jeton n’y est pas envoyé.`,
          `The Kobo server links to another server (${url.origin}): stopped, the token is not sent there.`,
        ),
      );
    if (pages >= (options.maxPages ?? 10_000))
      return err(
        fail(
          'kobo-malformed',
          'Trop de pages renvoyées par Kobo.',
          'Too many pages returned by Kobo.',
        ),
      );
    let response: Response;
    try {
      response = await fetchFn(url, {
        headers: { Authorization: `Token ${options.token}`, Accept: 'application/json' },
      });
    } catch (e) {
      return err(
        fail(
          'kobo-unavailable',
          `Le serveur Kobo ne répond pas (${e instanceof Error ? e.message : String(e)}).`,
          `The Kobo server does not answer (${e instanceof Error ? e.message : String(e)}).`,
        ),
      );
    }
    if (response.status === 401 || response.status === 403)
      return err(
        fail(
          'kobo-unauthorized',
          'Kobo refuse le jeton : vérifiez-le (Paramètres du compte › Sécurité › Clé API) et l’accès au projet.',
          'Kobo refuses the token: check it (Account settings › Security › API key) and the access to the project.',
          response.status,
        ),
      );
    if (response.status === 404)
      return err(
        fail(
          'kobo-asset-not-found',
          `Projet Kobo « ${options.assetUid} » introuvable sur ${base.host}.`,
          `Kobo project "${options.assetUid}" not found on ${base.host}.`,
          404,
        ),
      );
    if (!response.ok)
      return err(
        fail(
          'kobo-unavailable',
          `Kobo répond ${response.status} : réessayez plus tard.`,
          `Kobo answers ${response.status}: try again later.`,
          response.status,
        ),
      );
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    const page = koboPage.safeParse(body);
    if (!page.success)
      return err(
        fail(
          'kobo-malformed',
          'La réponse de Kobo n’a pas la forme attendue (count, next, results).',
          'Kobo’s answer does not have the expected shape (count, next, results).',
        ),
      );
    pages++;
    for (const s of page.data.results) {
      submissions.push(s);
      const t = s._submission_time;
      if (t && (watermark === null || t > watermark)) watermark = t;
    }
    next = page.data.next;
  }
  return ok({ submissions, watermark, from, pages });
}
