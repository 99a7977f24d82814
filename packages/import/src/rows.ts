import {
  cellKeyToString,
  formatNumber,
  ok,
  type CellKey,
  type Count,
  type LocalizedText,
  type Qualifier,
  type Result,
} from '@jalon/domain';
import { ISSUE_TITLES, type RowIssue, type RowIssueCode } from './issues';
import {
  fitProfile,
  type MappingProfile,
  type ProfileMismatch,
  type TransformName,
} from './profile';
import type { IndicatorRef } from './kinds/targets';
import { cellText, type CellValue, type SourceTable } from './table';
import {
  choicesFor,
  RefIndex,
  readChoice,
  readCount,
  readDate,
  readNumber,
  readQualifiedNumber,
  readText,
  type ChoiceMap,
  type ChoiceSet,
  type NamedRef,
  type Read,
} from './transforms';

/** What the organisation already has, for finding names: each with every name it answers to. */
export interface ReferenceData {
  places?: NamedRef[];
  programmes?: NamedRef[];
  grants?: NamedRef[];
  /** For attendance: activities by external id and code. */
  activities?: NamedRef[];
  /** For targets: indicators by code, with their grant's calendar. */
  indicators?: IndicatorRef[];
}

/** One source cell bound to its target, with how the profile says to read it. */
export interface MappedCell {
  column?: string;
  cell: CellValue;
  transform?: TransformName;
  choices?: ChoiceMap;
}

/** A source row by target: fields by name, breakdown cells by key. */
export interface MappedRow {
  rowNumber: number;
  fields: Map<string, MappedCell>;
  cells: { key: CellKey; mapped: MappedCell }[];
}

/**
 * The rows of a table through a profile: headers by name, never by position; refused with the
 * missing columns named when the profile no longer fits. Defaults fill fields the file lacks.
 */
export function mapRows(
  table: SourceTable,
  profile: MappingProfile,
): Result<MappedRow[], ProfileMismatch> {
  const fit = fitProfile(profile, table.headers);
  if (!fit.ok) return fit;
  const headerOf = fit.value;
  return ok(
    table.rows.map((row) => {
      const fields = new Map<string, MappedCell>();
      for (const [field, text] of Object.entries(profile.defaults))
        fields.set(field, { cell: text });
      const cells: MappedRow['cells'] = [];
      for (const c of profile.columns) {
        const header = headerOf.get(c.source);
        if (header === undefined) continue;
        const mapped: MappedCell = {
          column: header,
          cell: row.cells[header] ?? null,
          ...(c.transform ? { transform: c.transform } : {}),
          ...(c.choices ? { choices: c.choices } : {}),
        };
        if ('field' in c.target) {
          // A blank cell leaves the default in place.
          const fallback = fields.get(c.target.field);
          if (!fallback || cellText(mapped.cell).trim() !== '') fields.set(c.target.field, mapped);
        } else cells.push({ key: c.target.cell as CellKey, mapped });
      }
      return { rowNumber: row.rowNumber, fields, cells };
    }),
  );
}

/** What a row reader needs beyond the row. */
export interface ReadContext {
  date1904: boolean;
  refs: {
    places: RefIndex;
    programmes: RefIndex;
    grants: RefIndex;
    activities: RefIndex;
    indicators: RefIndex;
  };
}

export function readContext(refs: ReferenceData, date1904 = false): ReadContext {
  return {
    date1904,
    refs: {
      places: new RefIndex('place', refs.places ?? []),
      programmes: new RefIndex('programme', refs.programmes ?? []),
      grants: new RefIndex('grant', refs.grants ?? []),
      activities: new RefIndex('activity', refs.activities ?? []),
      indicators: new RefIndex('indicator', refs.indicators ?? []),
    },
  };
}

/** Reads the fields of one row, collecting every issue with its field, column and value. */
export class RowReader {
  readonly issues: RowIssue[] = [];

  constructor(
    readonly row: MappedRow,
    readonly ctx: ReadContext,
  ) {}

  has(field: string): boolean {
    return this.row.fields.has(field);
  }

  issue(
    code: RowIssueCode,
    field: string,
    message: { fr: string; en: string },
    extra: Partial<RowIssue> = {},
  ): void {
    const mapped = this.row.fields.get(field);
    const value = mapped ? readText(mapped.cell) : null;
    this.issues.push({
      code,
      field,
      rowNumber: this.row.rowNumber,
      severity: 'error',
      message,
      ...(mapped?.column ? { column: mapped.column } : {}),
      ...(value?.ok && value.value !== null ? { value: value.value } : {}),
      ...extra,
    });
  }

  private take<T>(field: string, mapped: MappedCell | undefined, r: Read<T>): T | null {
    if (r.ok) return r.value;
    const value = mapped ? readText(mapped.cell) : null;
    this.issues.push({
      code: r.code,
      field,
      rowNumber: this.row.rowNumber,
      severity: 'error',
      message: r.message,
      ...(mapped?.column ? { column: mapped.column } : {}),
      ...(value?.ok && value.value !== null ? { value: value.value } : {}),
      ...(r.suggestions ? { suggestions: r.suggestions } : {}),
    });
    return null;
  }

  /** A text over its length limit (`what`: « Le titre » / "The title"). */
  maxLength(field: string, text: string | null, max: number, what: LocalizedText): void {
    if (text !== null && text.length > max)
      this.issue('text-too-long', field, {
        fr: `${what.fr} dépasse ${formatNumber(max, 'fr')} caractères`,
        en: `${what.en} exceeds ${formatNumber(max, 'en')} characters`,
      });
  }

  /** A required field left blank (or unmapped). */
  required<T>(field: string, v: T | null, failed = false): v is T {
    if (v !== null) return true;
    if (!failed) this.issue('required', field, ISSUE_TITLES.required);
    return false;
  }

  /** Whether the last read of a field failed (so `required` need not say it again). */
  failed(field: string): boolean {
    return this.issues.some((i) => i.field === field);
  }

  text(field: string): string | null {
    const m = this.row.fields.get(field);
    return m ? this.take(field, m, readText(m.cell)) : null;
  }

  number(field: string): number | null {
    const m = this.row.fields.get(field);
    return m ? this.take(field, m, readNumber(m.cell)) : null;
  }

  qualifiedNumber(field: string): { value: number; qualifier: Qualifier } | null {
    const m = this.row.fields.get(field);
    return m ? this.take(field, m, readQualifiedNumber(m.cell)) : null;
  }

  date(field: string): string | null {
    const m = this.row.fields.get(field);
    if (!m) return null;
    const t = m.transform;
    const r =
      t === 'excel-serial-1900' || t === 'excel-serial-1904'
        ? readDate(m.cell, { date1904: t === 'excel-serial-1904' })
        : readDate(m.cell, {
            date1904: this.ctx.date1904,
            serials: t !== 'date-dmy',
          });
    return this.take(field, m, r);
  }

  choice(field: string, set: ChoiceSet): string | null {
    const m = this.row.fields.get(field);
    if (!m) return null;
    return this.take(field, m, readChoice(m.cell, choicesFor(set, m.choices)));
  }

  ref(field: string, index: RefIndex): string | null {
    const m = this.row.fields.get(field);
    if (!m) return null;
    const text = readText(m.cell);
    if (!text.ok) return this.take(field, m, text);
    return text.value === null ? null : this.take(field, m, index.find(text.value));
  }

  refs(field: string, index: RefIndex): string[] {
    const m = this.row.fields.get(field);
    return m ? (this.take(field, m, index.findList(m.cell)) ?? []) : [];
  }

  count(field: string, mapped: MappedCell): Count | null {
    if (mapped.transform === 'fr-number') {
      const n = this.take(field, mapped, readNumber(mapped.cell));
      if (n === null) return null;
      return this.take(field, mapped, readCount(String(n)));
    }
    return this.take(field, mapped, readCount(mapped.cell));
  }
}

/** The field name of a breakdown cell in issues: `participants`, `participants.sex=female;age=youth`. */
export function cellField(key: CellKey): string {
  const k = cellKeyToString(key);
  return k === '' ? 'participants' : `participants.${k}`;
}

/** A row checked: its record, or null when an error rejects it, with every issue found. */
export interface CheckedRow<T> {
  rowNumber: number;
  externalId: string | null;
  record: T | null;
  issues: RowIssue[];
}
