import { describe, expect, it } from 'vitest';
import {
  actionLabels,
  auditEntities,
  auditInput,
  auditQuery,
  entityLabels,
  labelOf,
  readAuditFilters,
  recordName,
  recordPath,
} from './audit';

const USER = '3f0c2b9a-1d2e-4f5a-8b6c-7d8e9f0a1b2c';

describe('readAuditFilters', () => {
  it('reads the filters of the URL', () => {
    const { filters, problems } = readAuditFilters(
      new URLSearchParams(
        `entity=activity&record=abc&user=${USER}&from=2024-01-01&to=2024-01-31&q=s%C3%A9gou&page=3`,
      ),
    );
    expect(filters).toEqual({
      entity: 'activity',
      record: 'abc',
      user: USER,
      from: '2024-01-01',
      to: '2024-01-31',
      q: 'ségou',
      page: 3,
    });
    expect(problems).toEqual([]);
  });

  it('drops what cannot be a filter', () => {
    const { filters } = readAuditFilters(
      new URLSearchParams('user=moi&from=hier&to=2024-13-45&page=-2&entity=%20'),
    );
    expect(filters).toEqual({
      entity: null,
      record: null,
      user: null,
      from: null,
      to: null,
      q: null,
      page: 1,
    });
  });

  it('says an end before the start instead of asking the API', () => {
    const { problems } = readAuditFilters(new URLSearchParams('from=2024-02-01&to=2024-01-31'));
    expect(problems).toEqual(['La date de fin précède la date de début.']);
  });
});

describe('auditQuery and auditInput', () => {
  const { filters } = readAuditFilters(new URLSearchParams('entity=report&page=2'));

  it('writes the filters back, page 1 and empty filters left out', () => {
    expect(auditQuery(filters)).toBe('?entity=report&page=2');
    expect(auditQuery(filters, { page: 1 })).toBe('?entity=report');
    expect(auditQuery(filters, { entity: null, page: 1 })).toBe('');
    expect(auditQuery(filters, { user: USER, page: 1 })).toBe(`?entity=report&user=${USER}`);
    expect(auditQuery(filters, { q: 'ségou', page: 1 })).toBe('?entity=report&q=s%C3%A9gou');
    expect(auditInput({ ...filters, q: 'ségou' }, 50)).toMatchObject({ search: 'ségou' });
  });

  it('asks the API for the page wanted', () => {
    expect(auditInput(filters, 50)).toEqual({ entity: 'report', limit: 50, offset: 50 });
    const all = readAuditFilters(
      new URLSearchParams(`record=x&user=${USER}&from=2024-01-01&to=2024-01-02`),
    ).filters;
    expect(auditInput(all, 20)).toEqual({
      entityId: 'x',
      userId: USER,
      from: '2024-01-01',
      to: '2024-01-02',
      limit: 20,
      offset: 0,
    });
  });
});

describe('labels and records', () => {
  it('has words for every record type and action the API writes', () => {
    for (const entity of auditEntities) expect(labelOf(entityLabels, entity)).not.toBe(entity);
    expect(labelOf(entityLabels, 'report')).toBe('Rapport soumis');
    expect(labelOf(actionLabels, 'validate')).toBe('Validation');
    expect(labelOf(actionLabels, 'archive')).toBe('archive');
  });

  it('links activities and grants to their pages', () => {
    expect(recordPath('activity', USER)).toBe(`/activites/${USER}`);
    expect(recordPath('grant', USER)).toBe(`/subventions/${USER}`);
    expect(recordPath('report', USER)).toBeNull();
    expect(recordPath('activity', 'not-an-id')).toBeNull();
  });

  it('names a record from what it recorded', () => {
    expect(recordName({ title: 'Forum de Bamako' }, null)).toBe('Forum de Bamako');
    expect(recordName(null, { code: 'CCSC-SESSIONS' })).toBe('CCSC-SESSIONS');
    expect(recordName({ grant: 'PROSMED-CCSC', period: '2023-Q2' }, null)).toBe(
      'PROSMED-CCSC · 2023-Q2',
    );
    expect(recordName(null, null)).toBeNull();
  });
});
