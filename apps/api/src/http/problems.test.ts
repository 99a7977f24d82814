import { TRPCError } from '@trpc/server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { jsonLogger } from './logger';
import { HttpProblem, notFound, onError } from './problems';
import { must } from '@jalon/domain';

/** A Hono app with the error edge, whose routes throw what the report routes' callers throw. */
function appThrowing() {
  const lines: string[] = [];
  const app = new Hono();
  app.onError(onError(jsonLogger((line) => lines.push(line))));
  app.notFound(notFound);
  app.get('/conflict', () => {
    throw new TRPCError({ code: 'CONFLICT', message: 'Quelqu’un a modifié ce rapport.' });
  });
  app.get('/throttled', () => {
    throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'Trop de demandes.' });
  });
  app.get('/precondition', () => {
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Période verrouillée.' });
  });
  app.get('/problem', () => {
    throw new HttpProblem(409, 'CONFLICT', { fr: 'Modèle disparu.', en: 'Template gone.' });
  });
  app.get('/bug', () => {
    throw new Error('secret detail: password=hunter2');
  });
  app.get('/internal', () => {
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('db down') });
  });
  return { app, lines };
}

describe('the error edge: every failure in one JSON shape, in the caller’s language', () => {
  it('keeps the status and message of a tRPC refusal (409 stays 409, 429 stays 429)', async () => {
    const { app } = appThrowing();
    for (const [path, status, code] of [
      ['/conflict', 409, 'CONFLICT'],
      ['/throttled', 429, 'TOO_MANY_REQUESTS'],
      ['/precondition', 412, 'PRECONDITION_FAILED'],
    ] as const) {
      const res = await app.request(path);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });

  it('answers an HTTP refusal in the language asked for', async () => {
    const { app } = appThrowing();
    const fr = await app.request('/problem');
    expect(fr.status).toBe(409);
    expect(await fr.json()).toEqual({
      error: { status: 409, code: 'CONFLICT', message: 'Modèle disparu.' },
    });
    const en = await app.request('/problem', { headers: { 'accept-language': 'en-GB,en' } });
    expect(((await en.json()) as { error: { message: string } }).error.message).toBe(
      'Template gone.',
    );
  });

  it('turns a bug into a JSON 500 for a person, the cause going to the log only', async () => {
    const { app, lines } = appThrowing();
    for (const path of ['/bug', '/internal']) {
      const res = await app.request(path, { headers: { 'x-request-id': 'req-42' } });
      expect(res.status).toBe(500);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('INTERNAL_SERVER_ERROR');
      expect(body.error.message).toMatch(/^Erreur interne/);
      expect(JSON.stringify(body)).not.toMatch(/hunter2|db down/);
    }
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ level: 'error', requestId: 'req-42', path: '/bug' });
    expect(String(must(logged[1], 'logged[1]').error)).toMatch(/db down/);
  });

  it('answers an unknown address with a JSON 404', async () => {
    const { app } = appThrowing();
    const res = await app.request('/nowhere', { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { status: 404, code: 'NOT_FOUND', message: 'Unknown Jalon API address.' },
    });
  });
});
