import { randomUUID } from 'node:crypto';
import { bulkInsert } from '../../db/bulk.js';
import type { DemoModule } from '../../core/demo.js';
import { personName, type Rng } from '../../core/random.js';
import { addDays, vietnamLocal } from '../../core/calendar/dates.js';
import { sharedWorkingCalendar } from '../../core/calendar/official.js';
import { searchKey } from '../../core/text.js';
import { DEFAULT_ANSWER_WORKING_DAYS, insertDemoRecommendations } from '../recommendations/index.js';
import { demoLocalAccounts, demoPasswordHash, insertDemoAccounts } from '../accounts/index.js';
import { draftReportText, phaseWeeks, reportDueOn } from './domain/weeks.js';
import { FINDINGS, MET_WITH, PROBLEMS, RESOLVED } from './demo-texts.js';

/** The first phase: 34 officers to 33 provinces and cities, two months until 3 November 2025. */
export const FIRST_PHASE = {
  name: 'Đợt 1: tăng cường cán bộ hỗ trợ vận hành chính quyền địa phương hai cấp',
  startsOn: '2025-09-03',
  endsOn: '2025-11-03',
};
/** Hà Nội, the Ministry's seat, is supported directly; TP. Hồ Chí Minh, the largest, gets two officers. */
const NO_OFFICER = '01';
const TWO_OFFICERS = '79';
/** Items raised by communes and provinces per week across the country since the phase began. */
const LOCAL_ITEMS_PER_WEEK = 3;

const t = 'text';

/**
 * The first reinforcement phase with its officers (Ministry users officer-01…34), weekly schedules,
 * visit logs, reports and the items raised — by the officers at their visits, and by communes and
 * provinces since — with their answers, some published. Generated in memory, written in bulk.
 */
export const channelDemoModule: DemoModule = {
  name: 'reinforcement and recommendations',
  async generate({ database, units, rng: root }): Promise<Record<string, number>> {
    const rng = root.fork('channel');
    const cal = sharedWorkingCalendar();
    const today = vietnamLocal(new Date()).date;
    const hash = await demoPasswordHash(database);
    if (!hash) return {};
    const provinces = units.filter((u) => u.level === 'province');
    const communesOf = new Map<string, typeof units>();
    for (const u of units)
      if (u.level === 'commune') communesOf.set(u.provinceCode, [...(communesOf.get(u.provinceCode) ?? []), u]);
    const nameOf = new Map(units.map((u) => [u.code, u.name]));

    // Officers: Ministry accounts sharing the demo password's hash.
    const assigned = [...provinces.filter((p) => p.code !== NO_OFFICER).map((p) => p.code), TWO_OFFICERS];
    const officerRows = assigned.map((provinceCode, i) => ({
      username: `officer-${String(i + 1).padStart(2, '0')}`,
      display_name: personName(rng).fullName,
      provinceCode,
    }));
    const ids = await insertDemoAccounts(
      database,
      officerRows.map((o) => ({
        username: o.username,
        displayName: o.display_name,
        role: 'ministry',
        passwordHash: hash,
      })),
    );
    const idOf = new Map(ids.map((r) => [r.username, r.id]));
    const phaseId = randomUUID();
    await bulkInsert(
      database.db,
      'reinforcement_phases',
      { id: 'uuid', name: t, starts_on: 'date', ends_on: 'date', note: t, created_at: 'timestamptz' },
      [
        {
          id: phaseId,
          ...{ name: FIRST_PHASE.name, starts_on: FIRST_PHASE.startsOn, ends_on: FIRST_PHASE.endsOn },
          note: '34 cán bộ của Bộ tăng cường cho 33 tỉnh, thành phố',
          created_at: '2025-08-25T09:00:00+07:00',
        },
      ],
    );
    const officers = officerRows.map((o) => ({ ...o, userId: idOf.get(o.username)! }));
    await bulkInsert(
      database.db,
      'reinforcement_officers',
      { province_code: t, phase_id: 'uuid', user_id: 'uuid', username: t, display_name: t, position: t, phone: t },
      officers.map((o) => ({
        province_code: o.provinceCode,
        phase_id: phaseId,
        user_id: o.userId,
        username: o.username,
        display_name: o.display_name,
        position: rng.pick(['Chuyên viên chính', 'Chuyên viên', 'Phó Vụ trưởng', 'Phó Cục trưởng']),
        phone: `09${rng.int(10_000_000, 99_999_999)}`,
      })),
    );

    const items: Record<string, unknown>[] = [];
    const events: Record<string, unknown>[] = [];
    const seq = new Map<string, number>();
    const weeks = phaseWeeks(FIRST_PHASE.startsOn, FIRST_PHASE.endsOn);
    const schedules: Record<string, unknown>[] = [];
    const visits: Record<string, unknown>[] = [];
    const reports: Record<string, unknown>[] = [];

    /** One item with its history, up to today. */
    const addItem = (
      r: Rng,
      o: {
        provinceCode: string;
        unitCode: string;
        askerKind: 'commune' | 'province' | 'officer';
        askerUnitCode: string;
        askerUserId: string;
        askerUsername: string;
        visitId: string | null;
        day: string;
      },
    ) => {
      const p = r.pick(PROBLEMS);
      const month = o.day.slice(2, 7).replace('-', '');
      const n = (seq.get(`${o.provinceCode}|${month}`) ?? 0) + 1;
      seq.set(`${o.provinceCode}|${month}`, n);
      const id = randomUUID();
      const at = (d: string, hh: number) =>
        new Date(`${d}T${String(hh).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00+07:00`).toISOString();
      const createdAt = at(o.day, r.int(8, 14));
      const content = `${p.content} (${nameOf.get(o.unitCode) ?? o.unitCode})`;
      let level: 'province' | 'ministry' = o.askerKind === 'commune' ? 'province' : 'ministry';
      let arrivedOn = cal.workingDayOnOrAfter(o.day);
      let due = cal.addWorkingDays(arrivedOn, DEFAULT_ANSWER_WORKING_DAYS);
      events.push({
        province_code: o.provinceCode,
        recommendation_id: id,
        at: createdAt,
        actor_username: o.askerUsername,
        action: 'raise',
        from_status: null,
        to_status: 'pending',
        level,
        note: null,
      });
      // A province forwards about half of its communes' items to the Ministry within a few days.
      if (level === 'province' && r.next() < 0.5) {
        const fwd = cal.addWorkingDays(arrivedOn, r.int(1, 6));
        if (fwd < today) {
          level = 'ministry';
          arrivedOn = fwd;
          due = cal.addWorkingDays(fwd, DEFAULT_ANSWER_WORKING_DAYS);
          events.push({
            province_code: o.provinceCode,
            recommendation_id: id,
            at: at(fwd, 10),
            actor_username: `province-${o.provinceCode}`,
            action: 'forward',
            from_status: 'pending',
            to_status: 'pending',
            level,
            note: 'Vượt thẩm quyền của tỉnh, đề nghị Bộ hướng dẫn.',
          });
        }
      }
      const late = r.next() < 0.12;
      const takes = late ? DEFAULT_ANSWER_WORKING_DAYS + r.int(1, 8) : r.int(3, DEFAULT_ANSWER_WORKING_DAYS);
      const answeredOn = cal.addWorkingDays(arrivedOn, takes);
      const answered = answeredOn < today;
      const accepted = answered && addDays(answeredOn, 5) < today && r.next() < 0.8;
      const status = accepted ? 'accepted' : answered ? 'answered' : 'pending';
      const answeredBy = level === 'province' ? `province-${o.provinceCode}` : 'ministry';
      if (answered)
        events.push({
          province_code: o.provinceCode,
          recommendation_id: id,
          at: at(answeredOn, 15),
          actor_username: answeredBy,
          action: 'answer',
          from_status: 'pending',
          to_status: 'answered',
          level,
          note: p.answer,
        });
      if (accepted)
        events.push({
          province_code: o.provinceCode,
          recommendation_id: id,
          at: at(cal.addWorkingDays(answeredOn, 2), 9),
          actor_username: o.askerUsername,
          action: 'accept',
          from_status: 'answered',
          to_status: 'accepted',
          level,
          note: null,
        });
      const published = answered && level === 'ministry' && r.next() < 0.25;
      items.push({
        id,
        province_code: o.provinceCode,
        code: `KN${o.provinceCode}-${month}-${String(n).padStart(4, '0')}`,
        field: p.field,
        title: p.title,
        content,
        legal_basis: p.legalBasis,
        unit_code: o.unitCode,
        urgency: r.next() < 0.1 ? 'urgent' : 'normal',
        ask_kind: o.askerKind,
        asker_unit_code: o.askerUnitCode,
        asker_user_id: o.askerUserId,
        asker_username: o.askerUsername,
        visit_id: o.visitId,
        status,
        level,
        arrived_on: arrivedOn,
        working_days: DEFAULT_ANSWER_WORKING_DAYS,
        due_date: due,
        answer: answered ? p.answer : null,
        answer_legal_basis: answered ? p.answerLegalBasis : null,
        answered_level: answered ? level : null,
        answered_by: answered ? answeredBy : null,
        answered_at: answered ? at(answeredOn, 15) : null,
        answered_on: answered ? answeredOn : null,
        answer_working_days: answered ? takes : null,
        answered_late: answered ? late : null,
        closed_at: accepted ? at(cal.addWorkingDays(answeredOn, 2), 9) : null,
        published_at: published ? at(addDays(answeredOn, 3), 10) : null,
        published_by: published ? 'ministry' : null,
        search_key: searchKey(`${p.title} ${content} ${p.legalBasis ?? ''}`),
        created_at: createdAt,
        updated_at: createdAt,
      });
      return { code: items[items.length - 1]!.code as string, field: p.field, title: p.title, status };
    };

    for (const o of officers) {
      const r = rng.fork(o.username);
      const communes = communesOf.get(o.provinceCode) ?? [];
      const unvisited = [...communes];
      for (const week of weeks) {
        const days = [0, 1, 2, 3, 4]
          .map((d) => addDays(week, d))
          .filter((d) => d >= FIRST_PHASE.startsOn && d <= FIRST_PHASE.endsOn && cal.isWorkingDay(d));
        const planned = days
          .filter(() => r.next() < 0.6)
          .slice(0, 3)
          .map((plannedOn) => {
            const c = unvisited.length ? unvisited.splice(r.int(0, unvisited.length - 1), 1)[0]! : r.pick(communes);
            return { communeCode: c.code, plannedOn, purpose: 'Nắm tình hình vận hành bộ máy, hướng dẫn nghiệp vụ' };
          });
        schedules.push({
          id: randomUUID(),
          province_code: o.provinceCode,
          phase_id: phaseId,
          user_id: o.userId,
          week_start: week,
          visits: planned,
          note: null,
          updated_at: new Date(`${addDays(week, -3)}T16:00:00+07:00`).toISOString(),
        });
        const weekVisits: {
          visitedOn: string;
          communeName: string;
          metWith: string;
          findings: string;
          resolved: string | null;
        }[] = [];
        const weekItems: { code: string; field: string; title: string; status: string }[] = [];
        for (const p of planned) {
          if (r.next() < 0.12) continue; // postponed
          const id = randomUUID();
          const v = {
            metWith: r.pick(MET_WITH),
            findings: `${r.pick(FINDINGS)} ${r.pick(FINDINGS)}`,
            resolved: r.pick(RESOLVED),
          };
          visits.push({
            id,
            province_code: o.provinceCode,
            phase_id: phaseId,
            user_id: o.userId,
            username: o.username,
            commune_code: p.communeCode,
            visited_on: p.plannedOn,
            met_with: v.metWith,
            findings: v.findings,
            resolved: v.resolved,
            photos: [],
            client_ref: null,
            created_at: new Date(`${p.plannedOn}T17:00:00+07:00`).toISOString(),
          });
          weekVisits.push({ visitedOn: p.plannedOn, communeName: nameOf.get(p.communeCode) ?? p.communeCode, ...v });
          const raised = r.next() < 0.55 ? r.int(1, 2) : 0;
          for (let k = 0; k < raised; k++)
            weekItems.push(
              addItem(r, {
                provinceCode: o.provinceCode,
                unitCode: p.communeCode,
                askerKind: 'officer',
                askerUnitCode: p.communeCode,
                askerUserId: o.userId,
                askerUsername: o.username,
                visitId: id,
                day: p.plannedOn,
              }),
            );
        }
        // Most reports arrive on time, some late, a few never (the support group's "late" list).
        const dueOn = reportDueOn(week, cal);
        const fate = r.next();
        if (fate < 0.95) {
          const submittedOn = fate < 0.82 ? dueOn : cal.addWorkingDays(dueOn, r.int(1, 3));
          const answered = weekItems.filter((i) => i.status !== 'pending').length;
          reports.push({
            id: randomUUID(),
            province_code: o.provinceCode,
            phase_id: phaseId,
            user_id: o.userId,
            username: o.username,
            period_start: week,
            period_end: addDays(week, 6),
            due_on: dueOn,
            status: 'submitted',
            content: draftReportText({
              officerName: o.display_name,
              provinceName: nameOf.get(o.provinceCode) ?? o.provinceCode,
              weekStart: week,
              visits: weekVisits,
              items: weekItems,
              nextWeek: [],
            }),
            figures: {
              visits: weekVisits.length,
              communesVisited: new Set(weekVisits.map((x) => x.communeName)).size,
              itemsRaised: weekItems.length,
              itemsAnswered: answered,
              itemsOpen: weekItems.length - answered,
            },
            submitted_at: new Date(`${submittedOn}T16:30:00+07:00`).toISOString(),
            submitted_on: submittedOn,
            version: 1,
            updated_at: new Date(`${submittedOn}T16:30:00+07:00`).toISOString(),
          });
        }
      }
    }

    // Communes and provinces raise items of their own, from the phase's start to today (the recent ones still open).
    const local = rng.fork('local-items');
    const communeUsers = await demoLocalAccounts(database);
    const communeAccounts = communeUsers.filter((u) => u.role === 'commune');
    const provinceAccounts = communeUsers.filter((u) => u.role === 'province');
    for (let w = FIRST_PHASE.startsOn; w < today; w = addDays(w, 7)) {
      for (let k = 0; k < LOCAL_ITEMS_PER_WEEK; k++) {
        const day = addDays(w, local.int(0, 4));
        if (day >= today || !cal.isWorkingDay(day)) continue;
        if (local.next() < 0.8 && communeAccounts.length) {
          const u = local.pick(communeAccounts);
          addItem(local, {
            provinceCode: u.province_code,
            unitCode: u.commune_code!,
            askerKind: 'commune',
            askerUnitCode: u.commune_code!,
            askerUserId: u.id,
            askerUsername: u.username,
            visitId: null,
            day,
          });
        } else if (provinceAccounts.length) {
          const u = local.pick(provinceAccounts);
          addItem(local, {
            provinceCode: u.province_code,
            unitCode: u.province_code,
            askerKind: 'province',
            askerUnitCode: u.province_code,
            askerUserId: u.id,
            askerUsername: u.username,
            visitId: null,
            day,
          });
        }
      }
    }

    await bulkInsert(
      database.db,
      'reinforcement_schedules',
      {
        id: 'uuid',
        province_code: t,
        phase_id: 'uuid',
        user_id: 'uuid',
        week_start: 'date',
        visits: 'jsonb',
        note: t,
        updated_at: 'timestamptz',
      },
      schedules,
    );
    await bulkInsert(
      database.db,
      'reinforcement_visits',
      {
        id: 'uuid',
        province_code: t,
        phase_id: 'uuid',
        user_id: 'uuid',
        username: t,
        commune_code: t,
        visited_on: 'date',
        met_with: t,
        findings: t,
        resolved: t,
        photos: 'jsonb',
        client_ref: t,
        created_at: 'timestamptz',
      },
      visits,
    );
    await bulkInsert(
      database.db,
      'reinforcement_reports',
      {
        id: 'uuid',
        province_code: t,
        phase_id: 'uuid',
        user_id: 'uuid',
        username: t,
        period_start: 'date',
        period_end: 'date',
        due_on: 'date',
        status: t,
        content: t,
        figures: 'jsonb',
        submitted_at: 'timestamptz',
        submitted_on: 'date',
        version: 'int',
        updated_at: 'timestamptz',
      },
      reports,
    );
    await insertDemoRecommendations(database.db, {
      items: items.map(({ ask_kind, ...x }) => ({ ...x, asker_kind: ask_kind })),
      events,
      sequences: [...seq].map(([k, last]) => ({ province_code: k.split('|')[0], month: k.split('|')[1], last })),
    });
    return {
      officers: officers.length,
      schedules: schedules.length,
      visits: visits.length,
      reports: reports.length,
      recommendations: items.length,
    };
  },
};
