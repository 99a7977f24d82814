/** How large a request body each kind of address accepts, in bytes. */
export interface BodyLimits {
  /** sign-in and sign-out: an email and a password */
  auth: number;
  /** tRPC calls (JSON: an attendance list of a few thousand names fits) */
  trpc: number;
  /** the import upload route (`/api/import/…`), streamed to disk when it lands */
  upload: number;
  /** every other API address (they read no body) */
  other: number;
  /** the web app's pages (their forms): SvelteKit's own default, 512 KB */
  page: number;
  /** the import page (`/importer`, `/en/import`): a 5 MB file and its multipart framing */
  importPage: number;
}

export const defaultBodyLimits: BodyLimits = {
  auth: 16 * 1024,
  trpc: 2 * 1024 * 1024,
  upload: 50 * 1024 * 1024,
  other: 16 * 1024,
  page: 512 * 1024,
  importPage: 5 * 1024 * 1024 + 64 * 1024,
};

/** The import page, in French and in English: its upload form takes a larger body. */
const IMPORT_PAGE = /^\/(importer|en\/import)\/?$/;

/** At most this many calls in one tRPC batch (one URL can otherwise name hundreds of reports). */
export const MAX_BATCH_CALLS = 10;

/**
 * The body limit of a path: per kind of API address, and for the web app's pages their own
 * (the import page's larger). Null: none (an app built without the page limits).
 */
export function bodyLimitFor(path: string, limits: BodyLimits): number | null {
  if (path.startsWith('/trpc/') || path === '/trpc') return limits.trpc;
  if (path.startsWith('/api/auth/')) return limits.auth;
  if (path.startsWith('/api/import/')) return limits.upload;
  if (path.startsWith('/api/') || path === '/health') return limits.other;
  if (IMPORT_PAGE.test(path)) return limits.importPage;
  return limits.page;
}

/** How many procedures a tRPC URL names (`/trpc/a,b,c` → 3). */
export function batchSize(path: string): number {
  const names = path.replace(/^\/trpc\/?/, '');
  return names === '' ? 0 : names.split(',').length;
}
