import { localeFrom, sameText, type Locale, type Message } from '@jalon/api';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { Context as HonoContext, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { messageText } from '../messages';
import type { Logger } from './logger';

/**
 * The one JSON shape of every refusal and failure the HTTP routes answer (files, sign-in, CSRF,
 * body limits…), in the caller's language:
 * `{ "error": { "status": 409, "code": "CONFLICT", "message": "…" } }`. tRPC's own endpoint keeps
 * tRPC's envelope, which its clients read; the messages are the same.
 */
export interface Problem {
  status: number;
  code: string;
  message: string;
}

export const localeOf = (c: HonoContext): Locale =>
  localeFrom(c.req.header('accept-language'), c.req.header('cookie'));

type Text = Message;

/** Messages of the refusals the HTTP edge itself makes. */
export const edgeMessages = {
  internal: messageText('edge.internal'),
  notFound: messageText('edge.not-found'),
  csrf: messageText('edge.csrf'),
  tooLarge: (limit: number): Text => messageText('edge.too-large', { limit }),
  batch: (max: number, got: number): Text => messageText('edge.batch', { max, got }),
  host: messageText('edge.host'),
  starting: messageText('edge.starting'),
  stopping: messageText('edge.stopping'),
} as const;

export function problem(c: HonoContext, status: ContentfulStatusCode, code: string, text: Text) {
  return c.json({ error: { status, code, message: text[localeOf(c)] } satisfies Problem }, status);
}

/** A refusal thrown from anywhere in a route, answered in the one shape by {@link onError}. */
export class HttpProblem extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    readonly text: Text,
  ) {
    super(status, { message: text.en });
  }
}

const codeOfStatus: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_SUPPORTED',
  408: 'TIMEOUT',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
  503: 'UNAVAILABLE',
};

/**
 * The error edge of the Hono app: a tRPC error (the report service called in-process) keeps its
 * status — 409 stays 409, 429 stays 429 — and its message, already in the caller's language; an
 * HTTP refusal keeps its status; anything else is a 500 with a message for a person, the cause
 * going to the log with the request id, never to the client.
 */
export function onError(log: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof HttpProblem) return problem(c, error.status, error.code, error.text);
    if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') {
      const status = getHTTPStatusCodeFromError(error) as ContentfulStatusCode;
      return c.json(
        { error: { status, code: error.code, message: error.message } satisfies Problem },
        status,
      );
    }
    if (error instanceof HTTPException && error.status < 500) {
      const status = error.status;
      const code = codeOfStatus[status] ?? 'HTTP_ERROR';
      return problem(c, status, code, sameText(error.message));
    }
    // The client went away and its work stopped with it (a dropped download stops the report's
    // build): nothing failed, and nobody is left to answer (499, as proxies log it).
    if (c.req.raw.signal.aborted) {
      log.info('request stopped: the client went away', {
        requestId: c.req.header('x-request-id'),
        path: new URL(c.req.url).pathname,
      });
      return new Response(null, { status: 499 });
    }
    log.error('request failed', {
      requestId: c.req.header('x-request-id'),
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      error: describe(error instanceof TRPCError ? (error.cause ?? error) : error),
    });
    return problem(c, 500, 'INTERNAL_SERVER_ERROR', edgeMessages.internal);
  };
}

export const notFound: NotFoundHandler = (c) => problem(c, 404, 'NOT_FOUND', edgeMessages.notFound);

export function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
