import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isUuid } from '$lib/uuid';
import { clientRequestIdOf } from './client-request';
import { differs, fieldsOf } from './drafts';
import { exportOutbox, parseOutboxFile } from './outbox';
import { newClientId, notSent } from './entry-form';

describe('client ids of creates', () => {
  afterEach(() => vi.restoreAllMocks());

  it('are random version-4 UUIDs, with crypto.randomUUID and without it (plain HTTP)', () => {
    expect(isUuid(newClientId())).toBe(true);
    const random = vi.spyOn(crypto, 'getRandomValues');
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = new Set<string>();
      for (let i = 0; i < 200; i++) {
        const id = newClientId();
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        ids.add(id);
      }
      expect(ids.size).toBe(200);
      expect(random).toHaveBeenCalledTimes(200);
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    expect(isUuid(newClientId())).toBe(true);
  });

  it('are passed on only when the form posts a UUID', () => {
    const form = new FormData();
    expect(clientRequestIdOf(form)).toEqual({});
    form.set('clientRequestId', 'pas-un-identifiant');
    expect(clientRequestIdOf(form)).toEqual({});
    const id = '5f1c4d3e-9a7b-4c2d-8e1f-0a1b2c3d4e5f';
    form.set('clientRequestId', id);
    expect(clientRequestIdOf(form)).toEqual({ clientRequestId: id });
  });
});

describe('drafts', () => {
  const field = fc.tuple(
    fc.constantFrom('title', 'type', 'placeIds', 'n_total', 'clientRequestId'),
    fc.string(),
  );

  it('keep the fields as posted, repeated names included, files left out', () => {
    const form = new FormData();
    form.append('title', 'Causerie à Mopti');
    form.append('placeIds', 'a');
    form.append('placeIds', 'b');
    form.append('photo', new Blob(['x']), 'photo.jpg');
    expect(fieldsOf(form)).toEqual([
      ['title', 'Causerie à Mopti'],
      ['placeIds', 'a'],
      ['placeIds', 'b'],
    ]);
  });

  it('differ from the empty form only by what was typed, never by the client id alone', () => {
    fc.assert(
      fc.property(fc.array(field, { maxLength: 8 }), fc.uuid(), (fields, id) => {
        const withId = [...fields, ['clientRequestId', id] as [string, string]];
        expect(differs(fields, withId)).toBe(false);
        expect(differs(fields, fields)).toBe(false);
        const typed = [...fields, ['title', 'x'] as [string, string]];
        expect(differs(fields, typed)).toBe(true);
      }),
      { seed: 15, numRuns: 200 },
    );
  });
});

describe('a save that got no answer', () => {
  it('is a network failure without a status, a server failure with one, and nothing else', () => {
    expect(notSent({ type: 'error', error: new TypeError('Failed to fetch') })).toEqual({
      kind: 'network',
    });
    expect(notSent({ type: 'error', status: 500, error: {} })).toEqual({
      kind: 'server',
      status: 500,
    });
    expect(notSent({ type: 'failure', status: 400, data: {} })).toBeNull();
    expect(notSent({ type: 'redirect', status: 303, location: '/' })).toBeNull();
  });
});

describe('an exported outbox file', () => {
  const entry = {
    clientId: '5f1c4d3e-9a7b-4c2d-8e1f-0a1b2c3d4e5f',
    kind: 'incident' as const,
    action: '/alerte-precoce?/incident',
    fields: [['date', '2024-02-11'] as [string, string]],
    label: '2024-02-11 · Démocratie et gouvernance',
    editHref: '/alerte-precoce',
    draftKey: 'incident:new',
    createdAt: '2024-02-11T10:00:00.000Z',
    status: 'refused' as const,
    message: 'refusé',
  };

  it('comes back whole, waiting to be sent again', () => {
    const text = JSON.stringify(exportOutbox([entry]));
    expect(parseOutboxFile(text)).toEqual([{ ...entry, status: 'pending', message: null }]);
  });

  it('is refused when it is not one, or points anywhere but this site', () => {
    const file = (changes: object) => JSON.stringify(exportOutbox([{ ...entry, ...changes }]));
    expect(parseOutboxFile('pas du JSON')).toBeNull();
    expect(
      parseOutboxFile(JSON.stringify({ format: 'autre', version: 1, entries: [] })),
    ).toBeNull();
    expect(parseOutboxFile(file({ action: 'https://ailleurs.example/x' }))).toBeNull();
    expect(parseOutboxFile(file({ action: '//ailleurs.example/x' }))).toBeNull();
    expect(parseOutboxFile(file({ editHref: '/\\ailleurs.example' }))).toBeNull();
    expect(parseOutboxFile(file({ clientId: 'pas-un-uuid' }))).toBeNull();
    expect(parseOutboxFile(file({ kind: 'report' }))).toBeNull();
    expect(parseOutboxFile(file({ fields: [['date', 3]] }))).toBeNull();
  });
});
