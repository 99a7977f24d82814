import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantId, monthKey, organisationId, timestamps } from './columns';
import { foldedColumn } from './fold';
import { activity } from './activity';
import { organisation } from './organisation';

/**
 * A participant known by name or pseudonym (`code`), so unique people can be told apart from
 * participations. Attributes here are the current ones; attendance keeps those of the day.
 */
export const person = pgTable(
  'person',
  {
    id: tenantId(),
    organisationId: organisationId().references(() => organisation.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    displayName: text('display_name'),
    sex: text('sex'),
    birthYear: integer('birth_year'),
    disability: boolean('disability'),
    category: text('category'),
    /**
     * Her attendance rows (sessions seen) and the latest day among them, kept by the triggers of
     * migration `person_seen_counts` in the same statement as every insert, update or delete of
     * attendance (an attendance list saved, an import, an undo, an activity or a person deleted),
     * so that the register sorted by them reads one index instead of grouping all attendance.
     * Organisation-wide: a programme officer's reach still counts her programmes' attendance.
     */
    seenCount: integer('seen_count').notNull().default(0),
    lastSeen: date('last_seen', { mode: 'string' }),
    /** Code and name folded (`foldForSearch`'s rule), kept on every write: what the search reads. */
    searchText: foldedColumn('search_text', `"code" || ' ' || coalesce("display_name", '')`),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'person_pkey', columns: [t.organisationId, t.id] }),
    // The register « most seen first » and « last seen first », paged from the index alone.
    index('person_org_seen_idx').on(t.organisationId, t.seenCount.desc(), t.code),
    index('person_org_last_seen_idx').on(t.organisationId, t.lastSeen.desc().nullsLast(), t.code),
    unique('person_org_code_key').on(t.organisationId, t.code),
    unique('person_org_id_key').on(t.organisationId, t.id),
    check(
      'person_birth_year_range',
      sql`${t.birthYear} is null or ${t.birthYear} between 1900 and 2100`,
    ),
  ],
);

/**
 * One person at one activity. The attributes are copied as they were that day (a young woman in
 * 2023 may be an adult in 2030), and denormalised so a million rows group without a join.
 */
export const attendance = pgTable(
  'attendance',
  {
    organisationId: organisationId(),
    activityId: uuid('activity_id').notNull(),
    personId: uuid('person_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    month: monthKey('month', 'date'),
    sex: text('sex'),
    ageGroup: text('age_group'),
    disability: text('disability'),
    category: text('category'),
    /** Attributes of custom dimensions, `{ "dimension": "category" }`. */
    extra: jsonb('extra').$type<Record<string, string>>(),
  },
  (t) => [
    primaryKey({ name: 'attendance_pk', columns: [t.organisationId, t.activityId, t.personId] }),
    foreignKey({
      name: 'attendance_activity_fk',
      columns: [t.organisationId, t.activityId],
      foreignColumns: [activity.organisationId, activity.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'attendance_person_fk',
      columns: [t.organisationId, t.personId],
      foreignColumns: [person.organisationId, person.id],
    }).onDelete('cascade'),
    index('attendance_org_month_idx').on(t.organisationId, t.month),
    // A person's attendance by date, with the activity: "was this person seen before the
    // window, at these activities?" (new people) is answered from the index alone.
    index('attendance_person_date_idx').on(t.personId, t.date, t.activityId),
    // The register sorted by how often or how lately each person was seen: every person's count
    // and last day in one pass over the organisation's attendance, in person order, from the
    // index alone (`listPersons`; five times faster than a probe per person at 100,000 activities).
    index('attendance_org_person_date_idx').on(t.organisationId, t.personId, t.date),
  ],
);

/**
 * A person's sessions seen and latest day at one programme's activities: the counts a programme
 * officer's register shows and sorts by, kept by the same triggers as `person.seen_count` (each
 * writer recounts the people it touched, after locking them), and by a trigger on activity when an
 * activity moves to another programme. A row exists only while she has attendance there. No
 * foreign keys: a person or an activity deleted takes its attendance with it, and the triggers its
 * rows here (a recount of 1.3 million rows after a bulk load would check each of them twice).
 */
export const personProgrammeSeen = pgTable(
  'person_programme_seen',
  {
    organisationId: organisationId(),
    programmeId: uuid('programme_id').notNull(),
    personId: uuid('person_id').notNull(),
    seenCount: integer('seen_count').notNull(),
    lastSeen: date('last_seen', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({
      name: 'person_programme_seen_pk',
      columns: [t.organisationId, t.programmeId, t.personId],
    }),
    // A person's programmes (the triggers recount per person; « is she in the reach? »).
    index('person_programme_seen_person_idx').on(t.organisationId, t.personId),
    // One programme's register « most seen first » and « last seen first », paged from the index.
    index('person_programme_seen_count_idx').on(
      t.organisationId,
      t.programmeId,
      t.seenCount.desc(),
    ),
    index('person_programme_seen_last_idx').on(t.organisationId, t.programmeId, t.lastSeen.desc()),
  ],
);
