import { sql } from 'drizzle-orm';
import { bulkInsert } from '../db/bulk.js';
import type { DemoModule } from '../core/demo.js';
import { peopleAtWork, unitPeopleIds } from '../modules/workforce/index.js';

/**
 * Personal accounts of the showcase units (docs/accounts.md, README's demo accounts): in Phường Ba Đình (00004) and
 * Hà Nội's Department of Home Affairs (01), a few one-stop receiving officers, specialists and leaders, and a
 * personal unit administrator, each linked to a real staff record of the demo nation. Leaders are the holders of
 * leadership posts (Chủ tịch UBND, Phó Chủ tịch UBND, Giám đốc Sở, Phó Giám đốc Sở); the others are picked in the
 * order of their names, as many as the unit's staff allows (the tests' thin demo has few in the Department).
 * One password hash (the demo password) for all, as the other demo accounts: a few milliseconds.
 */
export const PERSONAL_DEMO_UNITS = [
  { provinceCode: '01', unitCode: '00004' },
  { provinceCode: '01', unitCode: '01' },
];
const PLAN: { key: string; roles: string[]; count: number }[] = [
  { key: 'lanhdao', roles: ['leader'], count: 2 },
  { key: 'tiepnhan', roles: ['receiving'], count: 2 },
  { key: 'chuyenvien', roles: ['specialist'], count: 2 },
  { key: 'quantri', roles: ['unit_admin'], count: 1 },
];
const isLeaderPost = (title: string | null) => !!title && /^(Phó )?(Chủ tịch UBND|Giám đốc Sở)/.test(title);

export const personalAccountsDemoModule: DemoModule = {
  name: 'personal accounts',
  async generate({ database }) {
    const [known] = await database.rows<{ password_hash: string }>(
      sql`SELECT password_hash FROM users WHERE username = 'ministry' AND is_demo`,
    );
    if (!known) return { personalAccounts: 0 };
    const taken = new Set(
      (await database.rows<{ person_id: string }>(sql`SELECT person_id FROM users WHERE person_id IS NOT NULL`)).map(
        (r) => r.person_id,
      ),
    );
    const rows: Record<string, unknown>[] = [];
    for (const unit of PERSONAL_DEMO_UNITS) {
      const ids = (await unitPeopleIds(database.db, unit.provinceCode, unit.unitCode)).filter((id) => !taken.has(id));
      const at = await peopleAtWork(database.db, ids.slice(0, 400), '2026-01-01');
      const people = [...at.values()].sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
      const leaders = people.filter((p) => isLeaderPost(p.postTitle));
      const others = people.filter((p) => !isLeaderPost(p.postTitle));
      const level = unit.unitCode === unit.provinceCode ? 'province' : 'commune';
      for (const plan of PLAN) {
        const pool = plan.key === 'lanhdao' ? leaders : others;
        for (let n = 1; n <= plan.count; n++) {
          const p = pool.shift();
          if (!p) break;
          rows.push({
            username: plan.count > 1 ? `${unit.unitCode}-${plan.key}-${n}` : `${unit.unitCode}-${plan.key}`,
            display_name: p.fullName,
            role: level,
            province_code: unit.provinceCode,
            commune_code: level === 'commune' ? unit.unitCode : null,
            person_id: p.id,
            unit_roles: `{${plan.roles.join(',')}}`,
            password_hash: known.password_hash,
            is_demo: true,
          });
        }
      }
    }
    await bulkInsert(
      database.db,
      'users',
      {
        username: 'text',
        display_name: 'text',
        role: 'text',
        province_code: 'text',
        commune_code: 'text',
        person_id: 'uuid',
        unit_roles: 'text[]',
        password_hash: 'text',
        is_demo: 'boolean',
      },
      rows,
    );
    return { personalAccounts: rows.length };
  },
};
