/**
 * The training module's part of the demo nation: a past national conference with realistic attendance (most bridges
 * connected around 07:30, some reconnected, some communes never connected; staff present for the whole session or
 * part of it, a few absences with reasons) and an upcoming one with a few connection tests already reported. All in
 * bulk: 3,356 bridges and their attendees take a few inserts.
 */
import { sql } from 'drizzle-orm';
import { bulkInsert } from '../../db/bulk.js';
import type { DemoModule } from '../../core/demo.js';
import { vietnamLocal } from '../../core/calendar/dates.js';
import { recordAudit } from '../audit/index.js';
import { unitsWithContactsOn } from '../units/index.js';
import { audienceSql } from '../workforce/index.js';
import { layOutBridges, type BridgeState } from './domain/bridges.js';
import { presentMinutes, type Interval } from './domain/attendance.js';

const BRIDGE_COLUMNS = {
  event_id: 'uuid',
  unit_code: 'text',
  province_code: 'text',
  kind: 'text',
  name: 'text',
  hall: 'text',
  officer: 'text',
  phone: 'text',
  state: 'text',
  test_result: 'text',
  test_note: 'text',
  last_at: 'timestamptz',
  connected_at: 'timestamptz',
  reconnects: 'int',
};

const ABSENCE_REASONS = ['Ốm, có giấy nghỉ', 'Đi công tác theo phân công', 'Trực tiếp dân theo lịch', 'Nghỉ phép năm'];
const TROUBLE_NOTES = ['Mất điện tại hội trường', 'Đường truyền chập chờn, mất tiếng', 'Máy chiếu hỏng, đang thay'];

/** Local 08:00 of the day `days` from today (Vietnam time) as a Date. */
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

export const trainingDemoModule: DemoModule = {
  name: 'training conferences',
  weight: 10,
  async generate({ database, rng }) {
    const db = database.db;
    const r = rng.fork('training');
    const today = vietnamLocal(new Date()).date;
    const made = { trainingEvents: 0, trainingBridges: 0, trainingAttendees: 0, trainingPresence: 0 };

    // ---- the past conference, three weeks ago ----
    const pastDay = addDays(today, -21);
    const pastStart = at(pastDay, '08:00');
    const pastEnd = at(pastDay, '11:30');
    const pastUnits = await unitsWithContactsOn(db, pastDay, null);
    const laid = layOutBridges(null, pastUnits);
    const [past] = await db.execute(sql`SELECT gen_random_uuid() AS id`).then((x) => rows<{ id: string }>(x));
    const pastId = past!.id;
    const states = new Map<string, BridgeState>();
    const bridgeRows = laid.map((b) => {
      const u = r.next();
      let state: BridgeState = 'left';
      let testResult: string | null = 'passed';
      let testNote: string | null = null;
      let connectedAt: Date | null = at(pastDay, `07:${String(r.int(10, 59)).padStart(2, '0')}`);
      let lastAt: Date | null = at(pastDay, `11:${String(r.int(30, 45)).padStart(2, '0')}`);
      let reconnects = 0;
      if (b.kind !== 'host' && u < 0.025) {
        // never connected: no test either (silent), or a failed test and trouble on the day
        state = r.next() < 0.6 ? 'silent' : 'trouble';
        testResult = state === 'silent' ? null : 'failed';
        testNote = state === 'silent' ? null : r.pick(TROUBLE_NOTES);
        connectedAt = null;
        lastAt = state === 'silent' ? null : at(pastDay, '07:50');
      } else if (b.kind !== 'host' && u < 0.06) reconnects = r.int(1, 3);
      else if (b.kind !== 'host' && u < 0.08) connectedAt = at(pastDay, `08:${String(r.int(5, 40)).padStart(2, '0')}`);
      states.set(b.unitCode, state);
      return {
        event_id: pastId,
        unit_code: b.unitCode,
        province_code: b.provinceCode,
        kind: b.kind,
        name: b.name,
        hall: b.hall,
        officer: b.officer,
        phone: b.phone,
        state,
        test_result: testResult,
        test_note: testNote,
        last_at: lastAt?.toISOString() ?? null,
        connected_at: connectedAt?.toISOString() ?? null,
        reconnects,
      };
    });
    await db.execute(sql`
      INSERT INTO training_events (id, province_code, title, programme, trainers, starts_at, ends_at, registry_date,
        attend_share, audience, bridges_total, created_by, created_at)
      VALUES (${pastId}::uuid, NULL, ${'Hội nghị tập huấn nghiệp vụ cho cán bộ, công chức cấp xã sau sắp xếp'},
        ${'Phân cấp, phân quyền cho chính quyền cấp xã; quản lý cán bộ, công chức; giải quyết thủ tục hành chính.'},
        ${'Vụ Chính quyền địa phương; Vụ Công chức - Viên chức'}, ${pastStart.toISOString()}::timestamptz,
        ${pastEnd.toISOString()}::timestamptz, ${pastDay}, 80,
        ${JSON.stringify({ categories: ['cadre'], leadersOnly: true, communesOnly: true })}::jsonb, ${laid.length},
        'ministry', ${addDays(pastDay, -14)}::timestamptz)`);
    await bulkInsert(db, 'training_bridges', BRIDGE_COLUMNS, bridgeRows);
    made.trainingEvents++;
    made.trainingBridges += bridgeRows.length;

    // Attendees: the communes' leaders, from the workforce.
    await db.execute(sql`
      INSERT INTO training_attendees (event_id, person_id, province_code, unit_code, full_name, category, registered_at)
      SELECT ${pastId}::uuid, a.id, a.province_code, a.unit_code, a.full_name, a.category, ${addDays(pastDay, -7)}::timestamptz
      FROM (${audienceSql({ categories: ['cadre'], leadersOnly: true, communesOnly: true, provinceCode: null })}) a
      ON CONFLICT DO NOTHING`);
    const attendees = rows<{ person_id: string; province_code: string; unit_code: string }>(
      await db.execute(
        sql`SELECT person_id, province_code, unit_code FROM training_attendees WHERE event_id = ${pastId}::uuid ORDER BY person_id`,
      ),
    );
    made.trainingAttendees += attendees.length;
    const presence: Record<string, unknown>[] = [];
    const minutes: { person_id: string; minutes: number; reason: string | null }[] = [];
    const session = { startsAt: pastStart, endsAt: pastEnd };
    for (const a of attendees) {
      const bridge = states.get(a.unit_code);
      const spans: Interval[] = [];
      const u = r.next();
      let reason: string | null = null;
      if (bridge === 'silent' || bridge === 'trouble' || u < 0.05) {
        if (r.next() < 0.7)
          reason =
            bridge === 'silent' || bridge === 'trouble' ? 'Điểm cầu không kết nối được' : r.pick(ABSENCE_REASONS);
      } else if (u < 0.13) {
        // came late or left early: between 40 % and 79 % of the session
        const join = at(pastDay, `08:${String(r.int(0, 30)).padStart(2, '0')}`);
        spans.push({ joinedAt: join, leftAt: new Date(join.getTime() + r.int(85, 160) * 60_000) });
      } else {
        spans.push({
          joinedAt: at(pastDay, `07:${String(r.int(40, 59)).padStart(2, '0')}`),
          leftAt: at(pastDay, `11:${r.int(25, 45)}`),
        });
        if (r.next() < 0.1) spans.push({ joinedAt: at(pastDay, '09:40'), leftAt: at(pastDay, '10:05') });
      }
      for (const s of spans)
        presence.push({
          event_id: pastId,
          person_id: a.person_id,
          province_code: a.province_code,
          unit_code: a.unit_code,
          joined_at: s.joinedAt.toISOString(),
          left_at: s.leftAt?.toISOString() ?? null,
          source: r.next() < 0.6 ? 'import' : 'qr',
        });
      minutes.push({ person_id: a.person_id, minutes: presentMinutes(spans, session), reason });
    }
    await bulkInsert(
      db,
      'training_presence',
      {
        event_id: 'uuid',
        person_id: 'uuid',
        province_code: 'text',
        unit_code: 'text',
        joined_at: 'timestamptz',
        left_at: 'timestamptz',
        source: 'text',
      },
      presence,
    );
    made.trainingPresence += presence.length;
    for (let i = 0; i < minutes.length; i += 5000) {
      const json = JSON.stringify(minutes.slice(i, i + 5000));
      await db.execute(sql`
        UPDATE training_attendees t SET minutes = x.minutes, absence_reason = x.reason
        FROM json_to_recordset(${json}::json) AS x(person_id uuid, minutes int, reason text)
        WHERE t.event_id = ${pastId}::uuid AND t.person_id = x.person_id`);
    }

    // ---- the upcoming conference, in two weeks: a few bridges have tested their connection ----
    const nextDay = addDays(today, 14);
    const nextUnits = await unitsWithContactsOn(db, nextDay, null);
    const nextLaid = layOutBridges(null, nextUnits);
    const [next] = await db.execute(sql`SELECT gen_random_uuid() AS id`).then((x) => rows<{ id: string }>(x));
    const nextId = next!.id;
    const nextRows = nextLaid.map((b) => {
      const tested = r.next() < 0.2;
      const failed = tested && r.next() < 0.1;
      return {
        event_id: nextId,
        unit_code: b.unitCode,
        province_code: b.provinceCode,
        kind: b.kind,
        name: b.name,
        hall: b.hall,
        officer: b.officer,
        phone: b.phone,
        state: failed ? 'trouble' : tested ? 'tested' : 'silent',
        test_result: failed ? 'failed' : tested ? 'passed' : null,
        test_note: failed ? r.pick(TROUBLE_NOTES) : null,
        last_at: tested ? at(today, '09:00').toISOString() : null,
        connected_at: null,
        reconnects: 0,
      };
    });
    await db.execute(sql`
      INSERT INTO training_events (id, province_code, title, programme, trainers, starts_at, ends_at, registry_date,
        attend_share, audience, bridges_total, created_by, created_at)
      VALUES (${nextId}::uuid, NULL, ${'Hội nghị trực tuyến hướng dẫn đánh giá, xếp loại cán bộ, công chức cấp xã'},
        ${'Tiêu chí và quy trình đánh giá, xếp loại chất lượng cán bộ, công chức; đánh giá trên nền tảng; hỏi đáp.'},
        ${'Vụ Công chức - Viên chức'}, ${at(nextDay, '08:00').toISOString()}::timestamptz,
        ${at(nextDay, '11:00').toISOString()}::timestamptz, ${nextDay}, 80, NULL, ${nextLaid.length},
        'ministry', ${today}::timestamptz)`);
    await bulkInsert(db, 'training_bridges', BRIDGE_COLUMNS, nextRows);
    made.trainingEvents++;
    made.trainingBridges += nextRows.length;

    await db.transaction(async (tx) => {
      for (const [id, title, n] of [
        [pastId, 'past national conference', laid.length],
        [nextId, 'upcoming national conference', nextLaid.length],
      ] as const)
        await recordAudit(tx, null, {
          action: 'create',
          entity: 'training_event',
          entityId: id,
          provinceCode: null,
          unitCode: null,
          after: { demo: title, bridges: n },
        });
    });
    return made;
  },
};

function rows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}
