/**
 * Many reports at once (the schedule's drafts at a period's end, the demo nation): one INSERT … ON CONFLICT DO NOTHING
 * over a JSON parameter for the reports, bulk inserts for their sections and history. Their figures are left to be
 * computed when the report is first opened (service.ts: `fillFigures`), so that drafting 3,300 communes' reports costs
 * seconds, not the providers' time × 3,300.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { bulkInsert } from '../../db/bulk.js';
import type { ReportStatus } from './domain/lifecycle.js';
import type { Outline } from './domain/outline.js';
import type { ReportKind } from './domain/periods.js';
import type { ReportTarget } from './policy.js';

export interface NewReport {
  target: ReportTarget;
  kind: ReportKind;
  period: string;
  status: ReportStatus;
  number: number | null;
  dueDate: string;
  createdBy: string;
  createdAt: Date;
  submittedAt: Date | null;
  /** the author's text by section key */
  texts?: Record<string, string>;
  events: { action: string; fromStatus: string | null; toStatus: string; comment?: string; by: string; at: Date }[];
}

const rowsOf = (res: unknown): Record<string, unknown>[] =>
  Array.isArray(res) ? res : ((res as { rows?: Record<string, unknown>[] }).rows ?? []);

/** Inserts the reports that do not exist yet (by unit, kind and period); answers how many were new. */
export async function insertReports(
  db: Db,
  list: NewReport[],
  outline: Outline,
  outlineVersion: number,
): Promise<number> {
  let made = 0;
  for (let i = 0; i < list.length; i += 2000) {
    const chunk = list.slice(i, i + 2000).map((r) => ({ ...r, id: randomUUID() }));
    const json = JSON.stringify(
      chunk.map((r) => ({
        id: r.id,
        province_code: r.target.provinceCode,
        unit_code: r.target.unitCode,
        level: r.target.level,
        kind: r.kind,
        period: r.period,
        status: r.status,
        number: r.number,
        due_date: r.dueDate,
        outline_version: outlineVersion,
        version: r.events.length,
        created_by: r.createdBy,
        updated_by: r.events.at(-1)?.by ?? r.createdBy,
        created_at: r.createdAt.toISOString(),
        updated_at: (r.events.at(-1)?.at ?? r.createdAt).toISOString(),
        submitted_at: r.submittedAt?.toISOString() ?? null,
      })),
    );
    const res = await db.execute(sql`
      INSERT INTO reports (id, province_code, unit_code, level, kind, period, status, number, due_date, outline_version,
        version, created_by, updated_by, created_at, updated_at, submitted_at)
      SELECT id, province_code, unit_code, level, kind, period, status, number, due_date, outline_version,
        version, created_by, updated_by, created_at, updated_at, submitted_at
      FROM json_to_recordset(${json}::json) AS x(id uuid, province_code text, unit_code text, level text, kind text,
        period text, status text, number int, due_date date, outline_version int, version int, created_by text,
        updated_by text, created_at timestamptz, updated_at timestamptz, submitted_at timestamptz)
      ON CONFLICT (unit_code, kind, period) DO NOTHING
      RETURNING id`);
    const inserted = new Set(rowsOf(res).map((r) => String(r.id)));
    const fresh = chunk.filter((r) => inserted.has(r.id));
    made += fresh.length;
    await bulkInsert(
      db,
      'report_sections',
      {
        report_id: 'uuid',
        province_code: 'text',
        key: 'text',
        position: 'int',
        title: 'text',
        provider: 'text',
        text: 'text',
        updated_by: 'text',
        updated_at: 'timestamptz',
      },
      fresh.flatMap((r) =>
        outline.sections.map((s, position) => ({
          report_id: r.id,
          province_code: r.target.provinceCode,
          key: s.key,
          position,
          title: s.title,
          provider: s.provider,
          text: r.texts?.[s.key] ?? '',
          updated_by: r.createdBy,
          updated_at: r.createdAt.toISOString(),
        })),
      ),
    );
    await bulkInsert(
      db,
      'report_events',
      {
        report_id: 'uuid',
        province_code: 'text',
        action: 'text',
        from_status: 'text',
        to_status: 'text',
        comment: 'text',
        actor_username: 'text',
        at: 'timestamptz',
      },
      fresh.flatMap((r) =>
        r.events.map((e) => ({
          report_id: r.id,
          province_code: r.target.provinceCode,
          action: e.action,
          from_status: e.fromStatus,
          to_status: e.toStatus,
          comment: e.comment ?? null,
          actor_username: e.by,
          at: e.at.toISOString(),
        })),
      ),
    );
  }
  return made;
}
