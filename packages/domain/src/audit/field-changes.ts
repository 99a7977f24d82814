import type { Locale } from '../localized-text';
import { formatNumber } from '../format/index';
import { domainMessages } from '../messages/index';

/**
 * The audit trail's before → after, field by field: which fields of a stored record
 * changed, one rule for the journal page and the journal export. Values stay as stored; each
 * reader says them in its own words (the page with its labels, the export with `auditValueText`).
 */

export interface ChangedField {
  field: string;
  before: unknown;
  after: unknown;
}

/** Columns that carry no meaning for a reader (keys, stamps, the version counter, a hash). */
export const AUDIT_HIDDEN_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'organisationId',
  'createdAt',
  'updatedAt',
  'version',
  'month',
  'startMonth',
  'passwordHash',
]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const blank = (v: unknown) => v === null || v === undefined || v === '';
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields that differ between the stored before and after, in the order the record lists
 * them; for a creation (no before) every field set, for a deletion (no after) every field it had.
 * @example changedFields({ title: 'A', id: 'x' }, { title: 'B', id: 'x' })
 * // [{ field: 'title', before: 'A', after: 'B' }]
 */
export function changedFields(before: unknown, after: unknown): ChangedField[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (k) => !AUDIT_HIDDEN_FIELDS.has(k),
  );
  const out: ChangedField[] = [];
  for (const key of keys) {
    if (same(b[key], a[key])) continue;
    // a creation lists what was set, not the empty fields; a deletion what the record had
    if (!isRecord(before) && blank(a[key])) continue;
    if (!isRecord(after) && blank(b[key])) continue;
    out.push({
      field: key,
      before: isRecord(before) ? b[key] : undefined,
      after: isRecord(after) ? a[key] : undefined,
    });
  }
  return out;
}

/**
 * A stored value as plain text for a reader of the export: nothing for no value, « oui »/« non »,
 * numbers in the locale's way, a named record by its name (a person's, a title, a code), a list
 * item by item.
 */
export function auditValueText(value: unknown, locale: Locale): string {
  const t = domainMessages[locale];
  if (blank(value)) return '';
  if (typeof value === 'boolean') return value ? t['audit-yes']() : t['audit-no']();
  if (typeof value === 'number') return formatNumber(value, locale);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => auditValueText(v, locale)).join(', ');
  if (isRecord(value)) {
    const named = value.name ?? value.displayName ?? value.title ?? value.code;
    if (typeof named === 'string') return named;
  }
  return JSON.stringify(value);
}

/** Columns named like another field: an id said as the record it names. */
const ALIASES: Record<string, string> = { programmeId: 'programme', placeId: 'place' };

/**
 * A field's name for a reader (« Intitulé », not `title`); a column no label names yet is said
 * from its own name (`someField` → « Some field »), never hidden.
 */
export function auditFieldLabel(field: string, locale: Locale): string {
  const table = domainMessages[locale] as unknown as Record<string, (() => string) | undefined>;
  const said = table[`audit-field-${ALIASES[field] ?? field}`];
  if (said) return said();
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}
