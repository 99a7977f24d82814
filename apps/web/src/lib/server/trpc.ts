import type { AppRouter } from '@jalon/api';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { Locale } from '$lib/paraglide/runtime';
import { readEnv } from './env';

/**
 * A typed client of the Jalon API, for `load` functions. Pass the event's `fetch`: the
 * `handleFetch` hook sends calls to the API straight to the network (see hooks.server.ts).
 * The API answers errors in the language asked for.
 */
export function createApiClient(
  fetchFn: typeof fetch,
  options: { locale?: Locale; apiUrl?: string } = {},
) {
  const apiUrl = options.apiUrl ?? readEnv().apiUrl;
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${apiUrl}/trpc`,
        fetch: fetchFn,
        // The API refuses a batch of more than 10 calls (MAX_BATCH_CALLS in apps/api/src/http/limits.ts).
        maxItems: 10,
        headers: options.locale ? { 'accept-language': options.locale } : {},
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** What a page shows when a call fails: never a stack trace, never a blank page. */
export interface ApiFailure {
  /** tRPC error code (`NOT_FOUND`, `BAD_REQUEST`…), or `UNREACHABLE` when no answer came back. */
  code: string;
  /** The API's own message, in the language asked for, when it sent one. */
  detail: string | null;
}

export function describeApiError(error: unknown): ApiFailure {
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    const code =
      typeof data === 'object' && data !== null && 'code' in data && typeof data.code === 'string'
        ? data.code
        : null;
    // No error shape from the server: the request never got a tRPC answer (server down, proxy
    // error page…), and the message is the fetch library's, not one for a programme officer.
    if (code === null) return { code: 'UNREACHABLE', detail: null };
    return { code, detail: error.message || null };
  }
  return { code: 'UNKNOWN', detail: null };
}
