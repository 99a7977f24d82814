import { describe, expect, it } from 'vitest';
import {
  activityListInput,
  activityQuery,
  exportHref,
  incidentListInput,
  incidentQuery,
  personListInput,
  personQuery,
  readActivityFilters,
  readIncidentFilters,
  readPersonFilters,
} from './list-filters';

const grant = '3f1e2d4c-5b6a-4789-8abc-def012345678';

describe('the activities list filters', () => {
  it('read from the URL, what cannot be a filter dropped', () => {
    const f = readActivityFilters(
      new URLSearchParams(`q=  Ségou  &type=training&grant=${grant}&place=nope&sort=bogus&page=2`),
    );
    expect(f).toEqual({
      period: '2023-Q2',
      programme: null,
      status: null,
      type: 'training',
      grant,
      place: null,
      q: 'Ségou',
      sort: 'date',
      page: 2,
    });
    expect(readActivityFilters(new URLSearchParams('type=party')).type).toBeNull();
  });

  it('become the API input and the same URL again (round trip)', () => {
    const search = `period=2023&programme=FPS&status=submitted&type=dialogue&grant=${grant}&q=mopti&sort=-date&page=3`;
    const f = readActivityFilters(new URLSearchParams(search));
    expect(activityListInput(f)).toEqual({
      period: '2023',
      programmeCode: 'FPS',
      status: 'submitted',
      type: 'dialogue',
      grantId: grant,
      search: 'mopti',
      sort: '-date',
    });
    expect(activityQuery(f).toString()).toBe(new URLSearchParams(search).toString());
    expect(readActivityFilters(activityQuery(f))).toEqual(f);
  });

  it('give an export link of the same list, without its page', () => {
    const f = readActivityFilters(new URLSearchParams('q=é&page=4'));
    expect(exportHref('activities', activityQuery(f), 'csv', 'fr')).toBe(
      '/api/exports/activities?period=2023-Q2&q=%C3%A9&format=csv&lang=fr',
    );
  });
});

describe('the incident register filters', () => {
  it('read, sent and written back', () => {
    const f = readIncidentFilters(
      new URLSearchParams('category=democracy-governance&verified=yes&sort=region&q=kidal'),
    );
    expect(incidentListInput(f)).toEqual({
      period: '2023-Q2',
      category: 'democracy-governance',
      verified: true,
      search: 'kidal',
      sort: 'region',
    });
    expect(readIncidentFilters(incidentQuery(f))).toEqual(f);
    expect(readIncidentFilters(new URLSearchParams('verified=maybe&sort=x')).verified).toBeNull();
  });
});

describe('the participants register’s filters', () => {
  it('reads what can be a filter, drops the rest, and writes back only what is set', () => {
    const f = readPersonFilters(
      new URLSearchParams('q=%20Traoré%20&sex=x&sort=-participations&page=2'),
    );
    expect(f).toEqual({ q: 'Traoré', sex: null, sort: '-participations', page: 2 });
    expect(personListInput(f)).toEqual({ search: 'Traoré', sort: '-participations' });
    expect(String(personQuery(f, 1))).toBe('q=Traor%C3%A9&sort=-participations');
    expect(exportHref('persons', personQuery(f), 'xlsx', 'fr')).toBe(
      '/api/exports/persons?q=Traor%C3%A9&sort=-participations&format=xlsx&lang=fr',
    );
  });
});
