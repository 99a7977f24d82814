import { RowReader, type CheckedRow, type MappedRow, type ReadContext } from '../rows';

/**
 * An incident of the early-warning register as the import will write it: the API's
 * `incident.create` input (place and programme resolved) with the row's external id.
 */
export interface IncidentRecord {
  externalId: string;
  date: string;
  category: string;
  deaths: number;
  injuries: number;
  verified: boolean;
  placeId: string | null;
  programmeId: string | null;
  description: string | null;
}

/**
 * One incident row checked: its day, domain (« Démocratie et gouvernance », the code, or the
 * English name), dead and injured as whole numbers (blank is 0), verified (« oui » / « non »),
 * place and programme by name or code, description.
 */
export function checkIncidentRow(row: MappedRow, ctx: ReadContext): CheckedRow<IncidentRecord> {
  const r = new RowReader(row, ctx);
  const externalId = r.text('externalId');
  if (externalId === null && !r.failed('externalId'))
    r.issue('missing-external-id', 'externalId', {
      fr: 'Identifiant de ligne manquant\u202f: chaque ligne doit avoir le sien pour qu’un nouvel import la reconnaisse',
      en: 'Row identifier missing: each row needs its own so that a later import recognises it',
    });
  const date = r.date('date');
  r.required('date', date, r.failed('date'));
  const category = r.choice('category', 'incidentCategory');
  r.required('category', category, r.failed('category'));
  const victims = (field: 'deaths' | 'injuries'): number => {
    const n = r.number(field);
    if (n === null) return 0;
    if (!Number.isInteger(n) || n < 0 || n > 100_000) {
      r.issue('out-of-range', field, {
        fr: 'Un nombre de victimes est un entier de 0 à 100\u202f000',
        en: 'A number of victims is a whole number from 0 to 100,000',
      });
      return 0;
    }
    return n;
  };
  const deaths = victims('deaths');
  const injuries = victims('injuries');
  const verified = r.choice('verified', 'yesNo') === 'true';
  const placeId = r.ref('place', ctx.refs.places);
  const programmeId = r.ref('programme', ctx.refs.programmes);
  const description = r.text('description');
  r.maxLength('description', description, 5000, { fr: 'La description', en: 'The description' });
  const rejected = r.issues.some((i) => i.severity === 'error');
  return {
    rowNumber: row.rowNumber,
    externalId,
    issues: r.issues,
    record:
      rejected || externalId === null || date === null || category === null
        ? null
        : {
            externalId,
            date,
            category,
            deaths,
            injuries,
            verified,
            placeId,
            programmeId,
            description,
          },
  };
}
