// Named queries of the workforce for the training module (read through the door, not the tables).
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/** Who a conference is for, in the workforce's words. */
export interface AudienceFilter {
  categories: readonly string[];
  /** only the people holding a leadership post now */
  leadersOnly: boolean;
  /** only the staff of communes (not of the provinces' own departments) */
  communesOnly: boolean;
  /** the host province of a province's own event; null = the whole country */
  provinceCode: string | null;
}

/**
 * The people of the audience (`id`, `province_code`, `unit_code`, `full_name`, `category`), as a subquery for the FROM
 * of a bigger statement: `FROM (${audienceSql(f)}) a` (one statement: registering thousands of officials is one insert).
 */
export function audienceSql(f: AudienceFilter): SQL {
  const cats = sql.join(
    f.categories.map((c) => sql`${c}`),
    sql`, `,
  );
  return sql`SELECT p.id, p.province_code, p.unit_code, p.full_name, p.category FROM people p
    WHERE p.category IN (${cats})
      ${f.provinceCode ? sql`AND p.province_code = ${f.provinceCode}` : sql``}
      ${f.communesOnly ? sql`AND p.unit_code <> p.province_code` : sql``}
      ${
        f.leadersOnly
          ? sql`AND EXISTS (SELECT 1 FROM assignments a JOIN posts po ON po.province_code = a.province_code AND po.id = a.post_id
                 WHERE a.person_id = p.id AND a.end_date IS NULL AND po.kind = 'leadership')`
          : sql``
      }`;
}

/** These people (of a list), as the same subquery shape as `audienceSql`. */
export function peopleListSql(ids: readonly string[]): SQL {
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return sql`SELECT p.id, p.province_code, p.unit_code, p.full_name, p.category FROM people p WHERE p.id IN (${list})`;
}

/**
 * Whether this person is of the audience stored in a conference's row (the jsonb `audience` column; its host province
 * column, null for a national one): the same rule as `audienceSql`, as a condition on the event's row.
 */
export function personInAudienceSql(personId: string, audience: AnyColumn, hostProvince: AnyColumn): SQL {
  return sql`(${audience} IS NOT NULL AND EXISTS (SELECT 1 FROM people p WHERE p.id = ${personId}::uuid
    AND (${audience} -> 'categories') @> jsonb_build_array(p.category)
    AND (${hostProvince} IS NULL OR p.province_code = ${hostProvince})
    AND (NOT coalesce((${audience} ->> 'communesOnly')::boolean, true) OR p.unit_code <> p.province_code)
    AND (NOT coalesce((${audience} ->> 'leadersOnly')::boolean, false) OR EXISTS (SELECT 1 FROM assignments a
      JOIN posts po ON po.province_code = a.province_code AND po.id = a.post_id
      WHERE a.person_id = p.id AND a.end_date IS NULL AND po.kind = 'leadership'))))`;
}
