import type { AttributeCount } from '@jalon/domain';
import { sql } from 'drizzle-orm';

/** The attendance columns that hold a person's attributes on the day. */
export const attributeColumns = sql`t.sex, t.age_group, t.disability, t.category, t.extra`;

/** An attendance row's attribute columns, as SQL returns them. */
export type AttributeColumns = {
  sex: string | null;
  age_group: string | null;
  disability: string | null;
  category: string | null;
  extra: Record<string, string> | null;
};

/**
 * Attributes under the engine's dimension codes: the `age_group` column is the `age` dimension,
 * custom dimensions come from `extra`, and a NULL column is an unknown attribute (absent).
 */
export function attendanceAttributes(row: AttributeColumns): Record<string, string> {
  const attributes: Record<string, string> = { ...(row.extra ?? {}) };
  if (row.sex !== null) attributes.sex = row.sex;
  if (row.age_group !== null) attributes.age = row.age_group;
  if (row.disability !== null) attributes.disability = row.disability;
  if (row.category !== null) attributes.category = row.category;
  return attributes;
}

/** One `GROUP BY` row of attendance: its attributes and how many people share them. */
export function toAttributeCount(row: AttributeColumns & { n: number }): AttributeCount {
  return { attributes: attendanceAttributes(row), count: Number(row.n) };
}
