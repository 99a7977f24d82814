import { err, ok, type DomainError, type Result } from '@jalon/domain';
import { z } from 'zod';
import { normalizeName } from './names';

/** What can be imported. */
export const IMPORT_KINDS = ['activities', 'attendance', 'incidents', 'targets', 'values'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The fields of an activity row (its participant figures are breakdown cells, see {@link cellTarget}). */
export const ACTIVITY_FIELDS = [
  'externalId',
  'title',
  'summary',
  'type',
  'role',
  'programme',
  'startDate',
  'endDate',
  'sessions',
  'places',
  'grants',
] as const;

/** The fields of an attendance row: one person on one day of an activity. */
export const ATTENDANCE_FIELDS = [
  'externalId',
  'activity',
  'code',
  'displayName',
  'sex',
  'ageGroup',
  'age',
  'disability',
  'category',
  'date',
] as const;

/** The fields of an incident row of the early-warning register. */
export const INCIDENT_FIELDS = [
  'externalId',
  'date',
  'category',
  'deaths',
  'injuries',
  'verified',
  'place',
  'programme',
  'description',
] as const;

/** The fields of a targets row: a target or baseline of one indicator, period and breakdown cell. */
export const TARGET_FIELDS = [
  'nature',
  'indicator',
  'grant',
  'period',
  'value',
  'sex',
  'age',
  'disability',
  'category',
  'date',
] as const;

/** The fields of a values row: a value entered by hand for one indicator, period and breakdown cell. */
export const VALUE_FIELDS = [
  'indicator',
  'period',
  'value',
  'sex',
  'age',
  'disability',
  'category',
  'note',
] as const;

/** The fields of each kind. */
export const FIELDS_OF: Record<(typeof IMPORT_KINDS)[number], readonly string[]> = {
  activities: ACTIVITY_FIELDS,
  attendance: ATTENDANCE_FIELDS,
  incidents: INCIDENT_FIELDS,
  targets: TARGET_FIELDS,
  values: VALUE_FIELDS,
};

/**
 * How a column is read when not by its field's own reading: dates (`date` reads dd/mm/yyyy,
 * ISO, date cells and Excel serials in the workbook's system; `date-dmy` text only;
 * `excel-serial-1900` / `-1904` force a system, for serials in a CSV) and counts (`count`, the
 * default, with « environ » and « plus de »; `fr-number`, a French number that must be whole).
 */
export const TRANSFORMS = [
  'date',
  'date-dmy',
  'excel-serial-1900',
  'excel-serial-1904',
  'count',
  'fr-number',
] as const;
const DATE_TRANSFORMS: readonly string[] = TRANSFORMS.slice(0, 4);
const COUNT_TRANSFORMS: readonly string[] = ['count', 'fr-number'];
const DATE_FIELDS: readonly string[] = ['startDate', 'endDate', 'date'];
export type TransformName = (typeof TRANSFORMS)[number];

const name = z.string().trim().min(1).max(200);

/** A breakdown cell of the participation: `{}` is the total, `{ sex: 'female', age: 'youth' }` a cross cell. */
export const cellTarget = z
  .object({
    sex: z.enum(['female', 'male']).optional(),
    age: z.enum(['child', 'youth', 'adult']).optional(),
    disability: z.string().min(1).max(40).optional(),
    category: z.string().min(1).max(40).optional(),
  })
  .strict();

export const columnMapping = z
  .object({
    /** The header text, or the Kobo xpath (`groupe/question`), compared without accents or case. */
    source: name,
    /** A field of the kind, or a breakdown cell of the participation. */
    target: z.union([
      z.object({ field: z.string().min(1).max(40) }).strict(),
      z.object({ cell: cellTarget }).strict(),
    ]),
    /** How the text is read ({@link TRANSFORMS}); by default the field's own reading. */
    transform: z.enum(TRANSFORMS).optional(),
    /** For a choice: what people write → the code (added to the built-in map of the field). */
    choices: z.record(z.string().min(1).max(100), z.string().min(1).max(40)).optional(),
    /** A column the file may lack (a missing required column refuses the file). */
    optional: z.boolean().optional(),
  })
  .strict();

export type ColumnMapping = z.infer<typeof columnMapping>;

/**
 * A mapping profile, saved as data per organisation: which source column feeds which field, and
 * how it is read. `format` is the version of this schema; `revision` counts the user's edits.
 */
export const mappingProfile = z
  .object({
    format: z.literal(1),
    name,
    revision: z.number().int().min(1).default(1),
    kind: z.enum(IMPORT_KINDS),
    /** A spreadsheet or CSV (headers), or a KoboToolbox form (xpaths). */
    source: z.enum(['table', 'kobo']).default('table'),
    sheet: z.string().min(1).max(100).optional(),
    headerRow: z.number().int().min(1).max(1000).optional(),
    columns: z.array(columnMapping).min(1).max(300),
    /** Values for fields the file does not carry (the programme of a whole sheet…), as text. */
    defaults: z.record(z.string().min(1).max(40), z.string().max(300)).default({}),
  })
  .strict()
  .superRefine((p, ctx) => {
    const fields: readonly string[] = FIELDS_OF[p.kind];
    const seen = new Set<string>();
    p.columns.forEach((c, i) => {
      if ('field' in c.target && !fields.includes(c.target.field))
        ctx.addIssue({
          code: 'custom',
          path: ['columns', i, 'target', 'field'],
          message: `champ inconnu pour ${p.kind} / unknown field for ${p.kind}: ${c.target.field} (${fields.join(', ')})`,
        });
      if ('cell' in c.target && p.kind !== 'activities')
        ctx.addIssue({
          code: 'custom',
          path: ['columns', i, 'target'],
          message:
            'seules les activités ont des cases d’effectifs / only activities have count cells',
        });
      if (c.transform !== undefined) {
        const allowed =
          'cell' in c.target
            ? COUNT_TRANSFORMS
            : DATE_FIELDS.includes(c.target.field)
              ? DATE_TRANSFORMS
              : [];
        if (!allowed.includes(c.transform))
          ctx.addIssue({
            code: 'custom',
            path: ['columns', i, 'transform'],
            message: `lecture « ${c.transform} » impossible pour cette cible / transform "${c.transform}" does not apply to this target${allowed.length ? ` (${allowed.join(', ')})` : ''}`,
          });
      }
      const key =
        'field' in c.target
          ? `field:${c.target.field}`
          : `cell:${JSON.stringify(Object.entries(c.target.cell).sort())}`;
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['columns', i, 'target'],
          message: `deux colonnes alimentent la même cible / two columns feed the same target: ${key}`,
        });
      seen.add(key);
    });
    for (const field of Object.keys(p.defaults))
      if (!fields.includes(field))
        ctx.addIssue({
          code: 'custom',
          path: ['defaults', field],
          message: `champ inconnu / unknown field: ${field}`,
        });
  });

export type MappingProfile = z.output<typeof mappingProfile>;
export type MappingProfileInput = z.input<typeof mappingProfile>;

/** A profile that does not fit the file. */
export type ProfileMismatch = DomainError<'profile-mismatch'> & { missing: string[] };

/**
 * Whether a profile fits the file's headers, by name (accents, case and spacing ignored): every
 * required source column must be there. A Kobo form version with a renamed question is refused
 * with the columns named.
 */
export function fitProfile(
  profile: MappingProfile,
  headers: readonly string[],
): Result<Map<string, string>, ProfileMismatch> {
  const byKey = new Map(headers.map((h) => [normalizeName(h), h]));
  const found = new Map<string, string>();
  const missing: string[] = [];
  for (const c of profile.columns) {
    const header = byKey.get(normalizeName(c.source));
    if (header !== undefined) found.set(c.source, header);
    else if (!c.optional) missing.push(c.source);
  }
  if (missing.length > 0) {
    const fr = missing.map((m) => `« ${m} »`).join(', ');
    const en = missing.map((m) => `"${m}"`).join(', ');
    return err({
      code: 'profile-mismatch',
      missing,
      message: {
        fr: `Le profil « ${profile.name} » ne correspond plus au fichier : ${missing.length > 1 ? 'colonnes absentes' : 'colonne absente'} ${fr}. Corrigez le profil ou le fichier.`,
        en: `The profile "${profile.name}" no longer fits the file: missing ${missing.length > 1 ? 'columns' : 'column'} ${en}. Fix the profile or the file.`,
      },
    });
  }
  return ok(found);
}
