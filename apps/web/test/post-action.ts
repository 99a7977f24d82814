import { fakeFetch, type Answer } from './fake-api';

/** What a form action did: its failure (`fail(…)`), or the redirect it threw, and the API calls made. */
export interface ActionRun {
  result: { status: number; data: unknown } | null;
  redirect: { status: number; location: string } | null;
  calls: { procedure: string; input: unknown }[];
}

/**
 * Posts a form (repeated names as arrays) to a page's action against a fake API, as SvelteKit
 * would call it.
 */
export async function postAction(
  action: (event: never) => unknown,
  url: string,
  fields: Record<string, string | string[]>,
  answer: (procedure: string, input: unknown) => Answer,
  params: Record<string, string> = {},
): Promise<ActionRun> {
  const { fetchFn, calls } = fakeFetch(answer);
  const body = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  const request = new Request(url, { method: 'POST', body });
  const event = { request, fetch: fetchFn, url: new URL(url), params };
  try {
    const result = (await action(event as never)) as ActionRun['result'];
    return { result: result ?? null, redirect: null, calls };
  } catch (thrown) {
    if (thrown && typeof thrown === 'object' && 'location' in thrown)
      return { result: null, redirect: thrown as ActionRun['redirect'], calls };
    throw thrown;
  }
}
