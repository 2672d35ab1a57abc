import type { DemoModule } from '../core/demo.js';
import type { UnitRole } from '../core/roles.js';
import {
  demoPasswordHash,
  insertDemoAccounts,
  personIdsWithAccounts,
  type DemoAccount,
} from '../modules/accounts/index.js';
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
const PLAN: { key: string; roles: UnitRole[]; count: number }[] = [
  { key: 'lanhdao', roles: ['leader'], count: 2 },
  { key: 'tiepnhan', roles: ['receiving'], count: 2 },
  { key: 'chuyenvien', roles: ['specialist'], count: 2 },
  { key: 'quantri', roles: ['unit_admin'], count: 1 },
];
const isLeaderPost = (title: string | null) => !!title && /^(Phó )?(Chủ tịch UBND|Giám đốc Sở)/.test(title);

export const personalAccountsDemoModule: DemoModule = {
  name: 'personal accounts',
  async generate({ database }) {
    // written and read through the accounts module's door: only accounts writes `users`
    const passwordHash = await demoPasswordHash(database);
    if (!passwordHash) return { personalAccounts: 0 };
    const taken = await personIdsWithAccounts(database);
    const rows: DemoAccount[] = [];
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
            displayName: p.fullName,
            role: level,
            provinceCode: unit.provinceCode,
            communeCode: level === 'commune' ? unit.unitCode : null,
            personId: p.id,
            unitRoles: plan.roles,
            passwordHash,
          });
        }
      }
    }
    await insertDemoAccounts(database, rows);
    return { personalAccounts: rows.length };
  },
};
