import { authorizeProcedure, permissions } from '@jalon/api';
/** A fake tRPC HTTP endpoint for load-function tests: answers each batched procedure in turn. */
export type Answer =
  { result: { data: unknown } } | { error: { message: string; code: number; data: object } };

export const ok = (data: unknown): Answer => ({ result: { data } });

export const failure = (code: string, message: string, httpStatus = 400): Answer => ({
  error: { message, code: -32600, data: { code, httpStatus } },
});

export function fakeFetch(answer: (procedure: string, input: unknown) => Answer) {
  const calls: { procedure: string; input: unknown }[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const procedures = url.pathname.replace('/trpc/', '').split(',');
    // Queries carry their inputs in the URL, mutations in a POST body.
    const method = input instanceof Request ? input.method : (init?.method ?? 'GET');
    const sent =
      method === 'POST'
        ? input instanceof Request
          ? await input.text()
          : String(init?.body ?? '')
        : (url.searchParams.get('input') ?? '');
    const inputs = JSON.parse(sent || '{}') as Record<string, unknown>;
    const answers = procedures.map((p, i) => {
      calls.push({ procedure: p, input: inputs[i] });
      return answer(p, inputs[i]);
    });
    return new Response(JSON.stringify(answers), {
      status: answers.some((b) => 'error' in b) ? 207 : 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { fetchFn, calls };
}

type Role = Parameters<typeof authorizeProcedure>[0] extends infer A
  ? A extends { role: infer R }
    ? R
    : never
  : never;

/**
 * What the root layout knows of a user of `role` (`session.me`'s `procedures`), computed from
 * the API's own permission declarations, for loads that ask `parent()`.
 */
export function signedInAs(role: Role): { me: { role: Role; procedures: string[] } } {
  const actor = { userId: 'u', organisationId: 'o', role, programmeIds: [], grantIds: [] };
  return {
    me: {
      role,
      procedures: Object.keys(permissions).filter((path) => authorizeProcedure(actor, path).allow),
    },
  };
}
