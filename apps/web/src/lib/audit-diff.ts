import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { activityRoleLabels, activityTypeLabels, incidentCategoryLabels } from '$lib/labels';
import { formatParticipants, type ParticipantCounts } from '$lib/format/participants';
import { auditFieldLabel, changedFields, formatNumber } from '@jalon/domain';

/**
 * The audit trail's before → after, readable: one line per field that changed, named
 * in words (« Intitulé », not `title`), its values in words (a type's label, a place's name, « Oui »,
 * the participants as the bulletin says them). Pure, tested beside.
 */

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

const statusWords: Record<string, typeof m.activityForm_status_draft_word> = {
  draft: m.activityForm_status_draft_word,
  submitted: m.activityForm_status_submitted_word,
  validated: m.activityForm_status_validated_word,
};

export interface Names {
  /** place and programme ids → names, to say « Mopti » rather than an id */
  places?: ReadonlyMap<string, string>;
  programmes?: ReadonlyMap<string, string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A stored value in words. */
export function describeValue(
  field: string,
  value: unknown,
  locale: Locale,
  names: Names = {},
): string {
  const o = { locale };
  if (value === null || value === undefined || value === '') return m.audit_empty_value({}, o);
  if (typeof value === 'boolean') return value ? m.verified_yes({}, o) : m.verified_no({}, o);
  if (typeof value === 'number') return formatNumber(value, locale);
  if (typeof value === 'string') {
    if (field === 'type' && value in activityTypeLabels)
      return activityTypeLabels[value as keyof typeof activityTypeLabels]({}, o);
    if (field === 'role' && value in activityRoleLabels)
      return activityRoleLabels[value as keyof typeof activityRoleLabels]({}, o);
    if (field === 'category' && value in incidentCategoryLabels)
      return incidentCategoryLabels[value as keyof typeof incidentCategoryLabels]({}, o);
    const status = field === 'status' ? statusWords[value] : undefined;
    if (status) return status({}, o);
    if (field === 'placeId') return names.places?.get(value) ?? value;
    if (field === 'programmeId') return names.programmes?.get(value) ?? value;
    return value;
  }
  if (field === 'participants' && isRecord(value))
    return (
      formatParticipants(value as unknown as ParticipantCounts, locale) ??
      m.audit_empty_value({}, o)
    );
  if (Array.isArray(value)) {
    if (value.length === 0) return m.audit_empty_value({}, o);
    return value
      .map((item) =>
        isRecord(item)
          ? String(item.name ?? item.code ?? item.title ?? JSON.stringify(item))
          : describeValue(field, item, locale, names),
      )
      .join(', ');
  }
  if (isRecord(value)) {
    const named = value.name ?? value.title ?? value.code;
    if (typeof named === 'string') {
      if (field === 'programme' && locale === 'en' && typeof value.nameEn === 'string')
        return value.nameEn;
      return named;
    }
  }
  return JSON.stringify(value);
}

/**
 * The fields that differ between the stored before and after (`changedFields`, the one rule the
 * journal export follows too), named and said in words.
 * @example fieldChanges({ title: 'A' }, { title: 'B' }, 'fr')
 * // [{ field: 'title', label: 'Intitulé', before: 'A', after: 'B' }]
 */
export function fieldChanges(
  before: unknown,
  after: unknown,
  locale: Locale,
  names: Names = {},
): FieldChange[] {
  return changedFields(before, after).map((c) => ({
    field: c.field,
    label: auditFieldLabel(c.field, locale),
    before: isRecord(before) ? describeValue(c.field, c.before, locale, names) : '',
    after: isRecord(after) ? describeValue(c.field, c.after, locale, names) : '',
  }));
}
