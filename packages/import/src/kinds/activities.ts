import { checkConsistency, type Cell, type CountRecord } from '@jalon/domain';
import { cellField, RowReader, type CheckedRow, type MappedRow, type ReadContext } from '../rows';

/**
 * An activity as the import will write it: the API's `activity.create` input (ids resolved)
 * with the row's external id.
 */
export interface ActivityRecord {
  externalId: string;
  programmeId: string;
  title: string;
  summary: string | null;
  type: string;
  role: string;
  startDate: string;
  endDate: string;
  sessions: number;
  placeIds: string[];
  grantIds: string[];
  participants: CountRecord | null;
}

/**
 * One activity row checked: every field read and resolved, the participation put through the
 * engine's consistency check (its errors reject the row with the engine's own message, its
 * warnings are kept as warnings).
 */
export function checkActivityRow(row: MappedRow, ctx: ReadContext): CheckedRow<ActivityRecord> {
  const r = new RowReader(row, ctx);
  const externalId = r.text('externalId');
  if (externalId === null && !r.failed('externalId'))
    r.issue('missing-external-id', 'externalId', {
      fr: 'Identifiant de ligne manquant : chaque ligne doit avoir le sien pour qu’un nouvel import la reconnaisse',
      en: 'Row identifier missing: each row needs its own so that a later import recognises it',
    });

  const title = r.text('title');
  if (r.required('title', title, r.failed('title'))) {
    if (title.length < 3)
      r.issue('text-too-short', 'title', {
        fr: 'Le titre doit compter au moins 3 caractères',
        en: 'The title needs at least 3 characters',
      });
    else r.maxLength('title', title, 300, { fr: 'Le titre', en: 'The title' });
  }
  const summary = r.text('summary');
  r.maxLength('summary', summary, 5000, { fr: 'Le résumé', en: 'The summary' });
  const type = r.choice('type', 'activityType');
  r.required('type', type, r.failed('type'));
  const role = r.choice('role', 'role') ?? 'organiser';
  const programmeId = r.ref('programme', ctx.refs.programmes);
  r.required('programme', programmeId, r.failed('programme'));
  const startDate = r.date('startDate');
  r.required('startDate', startDate, r.failed('startDate'));
  const endDate = r.date('endDate') ?? startDate;
  if (startDate !== null && endDate !== null && endDate < startDate)
    r.issue('end-before-start', 'endDate', {
      fr: `La date de fin (${endDate}) précède la date de début (${startDate})`,
      en: `The end date (${endDate}) is before the start date (${startDate})`,
    });
  const sessionsRead = r.number('sessions');
  const sessions = sessionsRead ?? 1;
  if (!Number.isInteger(sessions) || sessions < 1 || sessions > 1000)
    r.issue('out-of-range', 'sessions', {
      fr: 'Le nombre de séances doit être un entier de 1 à 1 000',
      en: 'The number of sessions must be a whole number from 1 to 1,000',
    });
  const placeIds = r.refs('places', ctx.refs.places);
  const grantIds = r.refs('grants', ctx.refs.grants);

  let participants: CountRecord | null = null;
  const cells: Cell[] = [];
  let total: CountRecord['total'] = null;
  let unreadable = false;
  for (const { key, mapped } of row.cells) {
    const before = r.issues.length;
    const count = r.count(cellField(key), mapped);
    if (r.issues.length > before) unreadable = true;
    if (count === null) continue;
    if (Object.keys(key).length === 0) total = count;
    else cells.push({ key, ...count });
  }
  if (!unreadable && (total !== null || cells.length > 0)) {
    participants = { total, cells };
    for (const issue of checkConsistency(participants)) {
      if (issue.severity === 'info') continue;
      r.issues.push({
        code: 'participation-inconsistent',
        field: issue.keys[0] === undefined ? 'participants' : cellField(keyOf(issue.keys[0])),
        rowNumber: row.rowNumber,
        severity: issue.severity,
        message: issue.message,
        detail: issue.code,
      });
    }
  }

  const rejected = r.issues.some((i) => i.severity === 'error');
  return {
    rowNumber: row.rowNumber,
    externalId,
    issues: r.issues,
    record:
      rejected ||
      externalId === null ||
      title === null ||
      type === null ||
      programmeId === null ||
      startDate === null ||
      endDate === null
        ? null
        : {
            externalId,
            programmeId,
            title,
            summary,
            type,
            role,
            startDate,
            endDate,
            sessions,
            placeIds,
            grantIds,
            participants,
          },
  };
}

/** The engine's canonical key string (`age=youth;sex=female`) back to a key. */
function keyOf(canonical: string): Record<string, string> {
  if (canonical === '') return {};
  return Object.fromEntries(
    canonical.split(';').map((part) => {
      const [d = '', c = ''] = part.split('=');
      return [d, c];
    }),
  );
}
