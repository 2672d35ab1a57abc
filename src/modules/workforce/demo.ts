import { randomUUID } from 'node:crypto';
import { bulkInsert } from '../../db/bulk.js';
import type { DemoModule } from '../../core/demo.js';
import { personName, type Rng } from '../../core/random.js';
import { addDays, vietnamLocal } from '../../core/calendar/dates.js';
import { searchKey } from '../../core/text.js';
import { makeNationalId } from './domain/national-id.js';
import { insertPeopleRows } from './service.js';
import { EDUCATION, POLITICAL_THEORY, STATE_MANAGEMENT, type Requirements } from './domain/requirements.js';
import {
  approvedHeadcount,
  COMMUNE_AGENCIES,
  PROVINCE_HOME_AFFAIRS,
  type AgencyTemplate,
  type PostTemplate,
} from './domain/structure.js';

import { EDUCATION_FIELDS } from './domain/registry.js';

const START = '2025-07-01';
const FIELDS: readonly string[] = EDUCATION_FIELDS;

/** Qualifications that meet the requirements; with probability `shortfall`, one of them falls short. */
function qualificationsFor(r: Rng, req: Requirements, shortfall: number) {
  const min = (ladder: readonly string[], v: string | undefined, upTo = 1) =>
    ladder[Math.min(ladder.length - 1, (v ? ladder.indexOf(v) : 0) + r.int(0, upTo))]!;
  const q = {
    education_level: min(
      EDUCATION,
      req.minEducation ?? 'college',
      req.minEducation === 'bachelor' ? (r.next() < 0.15 ? 1 : 0) : 1,
    ),
    education_field: req.educationFields?.length ? r.pick(req.educationFields) : r.pick(FIELDS),
    political_theory: min(POLITICAL_THEORY, req.minPoliticalTheory ?? 'none', 1),
    state_management: min(STATE_MANAGEMENT, req.minStateManagement ?? 'none', 1),
    it_certificate: req.itCertificate || r.next() < 0.7 ? 'Ứng dụng CNTT cơ bản' : null,
  };
  if (r.next() < shortfall) {
    const which = r.int(0, 2);
    if (which === 0 && req.minEducation) q.education_level = 'college';
    else if (which === 1 && req.educationFields?.length)
      q.education_field = r.pick(FIELDS.filter((f) => !req.educationFields!.includes(f)));
    else if (req.minPoliticalTheory) q.political_theory = 'elementary';
    else q.education_level = 'intermediate';
  }
  return q;
}

/**
 * The workforce of the demo nation: every commune's agencies and posts (Decree 150/2025), about 41
 * people per commune on its approved headcount, leadership posts vacant in places (with the holder
 * who left), ~5 % not meeting their job's requirements, and each province's Department of Home
 * Affairs with staff seconded to communes.
 */
export const workforceDemoModule: DemoModule = {
  name: 'workforce',
  bulkTables: ['people', 'assignments', 'posts'],
  weight: 19,
  async generate({ database, units, rng: root, scale, progress }) {
    const rng = root.fork('workforce');
    const today = vietnamLocal(new Date()).date;
    const meta = new Map(units.map((u) => [u.code, u]));
    let serial = 0;
    const made = { agencies: 0, posts: 0, people: 0, assignments: 0 };
    let agencyRows: Record<string, unknown>[] = [];
    let postRows: Record<string, unknown>[] = [];
    let peopleRows: Record<string, unknown>[] = [];
    let assignmentRows: Record<string, unknown>[] = [];
    const communePostsByProvince = new Map<string, { id: string; unitCode: string; agencyId: string }[]>();

    const person = (
      r: Rng,
      provinceCode: string,
      unitCode: string,
      category: string,
      req: Requirements,
      leaderAge: boolean,
    ) => {
      const { fullName, gender } = personName(r);
      const birthYear = leaderAge ? r.int(1966, 1985) : r.int(1968, 2001);
      const birthDate = `${birthYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
      // Most were born in the province they serve; the codes of 2025 provinces are all valid birth prefixes.
      const prefix = r.next() < 0.8 ? `0${provinceCode}` : r.pick(['001', '038', '040', '079', '092']);
      const row = {
        id: randomUUID(),
        province_code: provinceCode,
        unit_code: unitCode,
        full_name: fullName,
        search_key: searchKey(fullName),
        birth_date: birthDate,
        sex: gender,
        national_id: makeNationalId(prefix, birthDate, gender, ++serial),
        ethnicity:
          r.next() < 0.85 ? 'Kinh' : r.pick(['Tày', 'Thái', 'Mường', 'Khmer', "H'Mông", 'Nùng', 'Dao', 'Ê Đê']),
        category,
        ...qualificationsFor(r, req, 0.05),
        rank_code: category === 'civil_servant' ? r.pick(['01.003', '01.002']) : null,
        salary_step: r.int(1, 8),
        salary_coefficient: Math.round((2.34 + r.int(0, 7) * 0.33) * 100) / 100,
        // Joined the Party as an adult, and never after today (young staff may not have joined yet).
        party_join_date:
          (leaderAge || r.next() < 0.6) && birthYear + 22 < Number(today.slice(0, 4))
            ? `${Math.min(birthYear + r.int(22, 35), Number(today.slice(0, 4)) - 1)}-05-19`
            : null,
      };
      peopleRows.push(row);
      return row;
    };

    const build = (
      r: Rng,
      provinceCode: string,
      unitCode: string,
      unitFullName: string,
      unitType: string,
      templates: AgencyTemplate[],
      headcount: number,
    ) => {
      const posts: { id: string; agencyId: string; tpl: PostTemplate }[] = [];
      for (const a of templates) {
        const agencyId = randomUUID();
        agencyRows.push({
          id: agencyId,
          province_code: provinceCode,
          unit_code: unitCode,
          kind: a.kind,
          name: a.name(unitType, unitFullName),
          approved_headcount: Math.round(headcount * a.headcountShare),
        });
        for (const tpl of a.posts) {
          // Job positions grow with the unit's headcount; leadership seats are fixed by law.
          const seats = tpl.kind === 'leadership' ? tpl.seats : Math.max(1, Math.round((tpl.seats * headcount) / 32));
          const id = randomUUID();
          postRows.push({
            id,
            province_code: provinceCode,
            unit_code: unitCode,
            agency_id: agencyId,
            kind: tpl.kind,
            code: tpl.code,
            title: tpl.title,
            seats,
            requirements: tpl.requirements,
            created_on: START,
          });
          posts.push({ id, agencyId, tpl: { ...tpl, seats } });
        }
      }
      return posts;
    };

    const fill = (
      r: Rng,
      provinceCode: string,
      unitCode: string,
      posts: { id: string; agencyId: string; tpl: PostTemplate }[],
      fillRate: number,
    ) => {
      for (const p of posts) {
        const leader = p.tpl.kind === 'leadership';
        for (let seat = 0; seat < p.tpl.seats; seat++) {
          const vacant = leader ? r.next() < 0.05 : r.next() > fillRate;
          const category = leader ? 'cadre' : r.next() < 0.04 ? 'contract' : 'civil_servant';
          if (vacant && !leader) continue;
          const holder = person(r, provinceCode, unitCode, category, p.tpl.requirements, leader);
          if (vacant) {
            // The previous holder left (retired, moved on): the seat has been vacant since then.
            const left = addDays(today, -r.int(10, 140));
            assignmentRows.push({
              id: randomUUID(),
              province_code: provinceCode,
              person_id: holder.id,
              unit_code: unitCode,
              agency_id: p.agencyId,
              post_id: p.id,
              kind: 'regular',
              start_date: START,
              end_date: left,
              from_unit_code: null,
              note: 'Nghỉ hưu',
            });
          } else {
            assignmentRows.push({
              id: randomUUID(),
              province_code: provinceCode,
              person_id: holder.id,
              unit_code: unitCode,
              agency_id: p.agencyId,
              post_id: p.id,
              kind: 'regular',
              start_date: START,
              end_date: null,
              from_unit_code: null,
              note: null,
            });
          }
        }
      }
    };

    const flush = async () => {
      const t = 'text';
      await bulkInsert(
        database.db,
        'agencies',
        { id: 'uuid', province_code: t, unit_code: t, kind: t, name: t, approved_headcount: 'int' },
        agencyRows,
      );
      await bulkInsert(
        database.db,
        'posts',
        {
          id: 'uuid',
          province_code: t,
          unit_code: t,
          agency_id: 'uuid',
          kind: t,
          code: t,
          title: t,
          seats: 'int',
          requirements: 'jsonb',
          created_on: 'date',
        },
        postRows,
      );
      await insertPeopleRows(
        database.db,
        {
          id: 'uuid',
          province_code: t,
          unit_code: t,
          full_name: t,
          search_key: t,
          birth_date: 'date',
          sex: t,
          national_id: t,
          ethnicity: t,
          category: t,
          education_level: t,
          education_field: t,
          political_theory: t,
          state_management: t,
          it_certificate: t,
          rank_code: t,
          salary_step: 'int',
          salary_coefficient: 'float8',
          party_join_date: 'date',
        },
        peopleRows,
      );
      await bulkInsert(
        database.db,
        'assignments',
        {
          id: 'uuid',
          province_code: t,
          person_id: 'uuid',
          unit_code: t,
          agency_id: 'uuid',
          post_id: 'uuid',
          kind: t,
          start_date: 'date',
          end_date: 'date',
          from_unit_code: t,
          note: t,
        },
        assignmentRows,
      );
      made.agencies += agencyRows.length;
      made.posts += postRows.length;
      made.people += peopleRows.length;
      made.assignments += assignmentRows.length;
      agencyRows = [];
      postRows = [];
      peopleRows = [];
      assignmentRows = [];
    };

    // Below scale 1 (tests), job positions are filled thinly; the leadership structure stays whole.
    const fillRate = Math.min(1, 0.93 * scale);
    const ordered = [...units].sort(
      (a, b) => a.provinceCode.localeCompare(b.provinceCode) || (a.level === 'province' ? -1 : 1),
    );
    for (const [i, u] of ordered.entries()) {
      const r = rng.fork(u.code);
      const m = meta.get(u.code);
      if (u.level === 'province') {
        const posts = build(r, u.code, u.code, u.fullName, m?.type ?? 'tinh', [PROVINCE_HOME_AFFAIRS], 30);
        fill(r, u.code, u.code, posts, fillRate);
      } else {
        const posts = build(
          r,
          u.provinceCode,
          u.code,
          u.fullName,
          m?.type ?? 'xa',
          COMMUNE_AGENCIES,
          approvedHeadcount(m?.type ?? 'xa', m?.population ?? null),
        );
        fill(r, u.provinceCode, u.code, posts, fillRate);
        const list = communePostsByProvince.get(u.provinceCode) ?? [];
        list.push(
          ...posts
            .filter((p) => p.tpl.code === 'home_affairs')
            .map((p) => ({ id: p.id, unitCode: u.code, agencyId: p.agencyId })),
        );
        communePostsByProvince.set(u.provinceCode, list);
      }
      if (ordered[i + 1]?.provinceCode !== u.provinceCode) {
        // Provincial staff seconded to help communes, for a few months.
        const provincePeople = peopleRows.filter(
          (p) => p.unit_code === u.provinceCode && p.category === 'civil_servant',
        );
        const targets = communePostsByProvince.get(u.provinceCode) ?? [];
        for (const p of provincePeople.slice(0, Math.min(5, provincePeople.length))) {
          const target = r.pick(targets);
          if (!target) break;
          const start = addDays(today, -r.int(10, 60));
          assignmentRows.push({
            id: randomUUID(),
            province_code: u.provinceCode,
            person_id: p.id,
            unit_code: target.unitCode,
            agency_id: target.agencyId,
            post_id: target.id,
            kind: 'secondment',
            start_date: start,
            end_date: addDays(start, r.int(60, 180)),
            from_unit_code: u.provinceCode,
            note: 'Biệt phái hỗ trợ cấp xã',
          });
        }
        await flush();
        progress?.((i + 1) / ordered.length);
      }
    }
    return made;
  },
};
