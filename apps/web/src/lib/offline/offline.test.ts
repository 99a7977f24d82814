import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isUuid } from '$lib/uuid';
import { clientRequestIdOf } from './client-request';
import { differs, fieldsOf } from './drafts';
import {
  exportOutbox,
  isConflict,
  parseOutboxFile,
  refusalMessage,
  savedOf,
  sentNotice,
} from './outbox';
import { newClientId, notSent, versionOf } from './entry-form';

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
    expect(parseOutboxFile(text)).toEqual([
      { ...entry, op: 'create', status: 'pending', message: null },
    ]);
  });

  it('keeps an edit an edit, its conflict to be asked again', () => {
    const edit = {
      ...entry,
      op: 'update' as const,
      action: '/alerte-precoce/1b8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d?/save',
      fields: [...entry.fields, ['version', '3'] as [string, string]],
      status: 'conflict' as const,
    };
    expect(parseOutboxFile(JSON.stringify(exportOutbox([edit])))).toEqual([
      { ...edit, status: 'pending', message: null },
    ]);
    expect(
      parseOutboxFile(JSON.stringify(exportOutbox([{ ...edit, op: 'delete' as 'update' }]))),
    ).toBeNull();
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

describe('an edit in the outbox', () => {
  it('carries the version it was typed at; a create carries none', () => {
    expect(
      versionOf([
        ['title', 'x'],
        ['version', '7'],
      ]),
    ).toBe(7);
    expect(versionOf([['title', 'x']])).toBeNull();
    expect(versionOf([['version', '']])).toBeNull();
    expect(versionOf([['version', '0']])).toBeNull();
    expect(versionOf([['version', 'deux']])).toBeNull();
  });

  it('sent at a stale version is a conflict (to compare), a locked period a refusal', () => {
    const conflict = {
      incident: { values: {}, errors: [], apiError: { code: 'CONFLICT', detail: 'Modifié' } },
    };
    expect(isConflict(conflict)).toBe(true);
    expect(refusalMessage(conflict, 'refusé')).toBe('Modifié');
    expect(isConflict({ apiError: { code: 'CONFLICT', detail: 'Modifiée' } })).toBe(true);
    expect(isConflict({ apiError: { code: 'PRECONDITION_FAILED', detail: 'Verrouillée' } })).toBe(
      false,
    );
    expect(isConflict({ errors: [{ message: 'Date' }] })).toBe(false);
    expect(isConflict(undefined)).toBe(false);
  });
});

describe('a queued save the server took', () => {
  const entry = {
    clientId: '5f1c4d3e-9a7b-4c2d-8e1f-0a1b2c3d4e5f',
    kind: 'activity' as const,
    action: '/activites/nouvelle',
    fields: [],
    label: 'Causerie à Mopti',
    editHref: '/activites/nouvelle',
    draftKey: 'activity:new',
    createdAt: '2024-02-11T10:00:00.000Z',
    status: 'pending' as const,
    message: null,
  };
  const warning = {
    code: 'probable-duplicate' as const,
    message: { fr: 'Doublon probable', en: 'Probable duplicate' },
    records: [{ id: 'a', code: 'ACT-1', title: 'Causerie' }],
  };

  it('is said when the API warned of something, with the record to open', () => {
    const saved = savedOf({ saved: { href: '/activites/b', warnings: [warning] } });
    expect(saved).toEqual({ href: '/activites/b', warnings: [warning] });
    expect(sentNotice(entry, saved)).toMatchObject({
      clientId: entry.clientId,
      kind: 'activity',
      label: 'Causerie à Mopti',
      href: '/activites/b',
      warnings: [warning],
    });
  });

  it('is not said when nothing was warned of, or the answer was a redirect', () => {
    expect(
      sentNotice(entry, savedOf({ saved: { href: '/activites/b', warnings: [] } })),
    ).toBeNull();
    expect(sentNotice(entry, null)).toBeNull();
    expect(savedOf(undefined)).toBeNull();
    expect(savedOf({ saved: { href: 3, warnings: [] } })).toBeNull();
  });
});
