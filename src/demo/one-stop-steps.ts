import { sql } from 'drizzle-orm';
import type { DemoModule } from '../core/demo.js';
import { makeClock } from '../core/clock.js';
import { defaultFileStore } from '../core/file-store.js';
import type { Actor, Role, UnitRole } from '../core/scope.js';
import { receiveDossier, takeStep } from '../modules/dossiers/index.js';
import { PERSONAL_DEMO_UNITS } from './personal-accounts.js';

/**
 * Dossiers in every step of the one-stop's internal process for the showcase units' personal accounts
 * (docs/one-stop.md): waiting for a specialist, in processing, sent back, waiting for approval, approved and waiting
 * to be returned, returned with their result; some overrunning their step's share (late). Received through the
 * dossiers' own services, as the people would, on the working days before today.
 */
const PROCEDURES = ['1.004873', '2.000815', '1.001193', '2.001035'];
const APPLICANTS = ['Nguyễn Văn An', 'Trần Thị Bích', 'Lê Minh Châu', 'Phạm Quốc Dũng', 'Hoàng Thị Én', 'Vũ Đức Giang'];
type Target = 'assign' | 'process' | 'sent_back' | 'approve' | 'return' | 'returned';
const PLAN: { target: Target; daysAgo: number }[] = [
  { target: 'assign', daysAgo: 0 },
  { target: 'assign', daysAgo: 3 }, // late: nobody took it
  { target: 'process', daysAgo: 0 },
  { target: 'process', daysAgo: 1 },
  { target: 'process', daysAgo: 4 }, // late
  { target: 'sent_back', daysAgo: 2 },
  { target: 'approve', daysAgo: 1 },
  { target: 'approve', daysAgo: 3 }, // late
  { target: 'return', daysAgo: 1 },
  { target: 'returned', daysAgo: 2 },
  { target: 'returned', daysAgo: 5 },
];

export const oneStopStepsDemoModule: DemoModule = {
  name: 'one-stop steps',
  weight: 1.5,
  async generate({ database }) {
    const db = database.db;
    const store = defaultFileStore();
    let made = 0;
    let now = new Date();
    const clock = makeClock(() => now);
    const cal = clock.calendar;
    // 09:00 on the working day `n` working days before today
    const at = (n: number, minutes: number) => {
      let day = clock.localDate(new Date());
      for (let i = 0; i < n; i++) day = cal.previousWorkingDay(day);
      if (!cal.isWorkingDay(day)) day = cal.previousWorkingDay(day);
      return new Date(new Date(`${day}T09:00:00+07:00`).getTime() + minutes * 60_000);
    };
    for (const unit of PERSONAL_DEMO_UNITS) {
      const people = await database.rows<{
        id: string;
        username: string;
        display_name: string;
        role: Role;
        province_code: string;
        commune_code: string | null;
        person_id: string;
        unit_roles: UnitRole[];
      }>(
        sql`SELECT id, username, display_name, role, province_code, commune_code, person_id, unit_roles FROM users
            WHERE person_id IS NOT NULL AND is_demo AND username LIKE ${unit.unitCode + '-%'} ORDER BY username`,
      );
      const actor = (roleOf: UnitRole, n = 0): Actor | null => {
        const u = people.filter((p) => p.unit_roles.includes(roleOf))[n];
        return u
          ? {
              id: u.id,
              username: u.username,
              displayName: u.display_name,
              role: u.role,
              provinceCode: u.province_code,
              communeCode: u.commune_code,
              ip: null,
              personId: u.person_id,
              unitRoles: u.unit_roles,
            }
          : null;
      };
      const counter = actor('receiving');
      const specialists = [actor('specialist', 0), actor('specialist', 1)].filter((a): a is Actor => !!a);
      const leader = actor('leader');
      if (!counter || !specialists.length || !leader) continue;
      for (const [i, p] of PLAN.entries()) {
        try {
          now = at(p.daysAgo, (i % 4) * 20);
          const cv = specialists[i % specialists.length]!;
          let d = await receiveDossier(
            db,
            counter,
            {
              procedureCode: PROCEDURES[i % PROCEDURES.length]!,
              channel: 'in_person',
              applicantName: APPLICANTS[i % APPLICANTS.length]!,
              applicantIdNumber: `0011900${String(10000 + i * 37).slice(-5)}`,
              applicantPhone: `09${String(12345678 + i * 1111).slice(0, 8)}`,
            },
            clock,
          );
          made++;
          if (p.target === 'assign' || !d.step) continue;
          const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));
          later(30);
          d = await takeStep(
            db,
            i % 2 ? counter : leader,
            d.id,
            { action: 'assign', assignee: cv.username },
            clock,
            store,
          );
          if (p.target === 'process') continue;
          later(p.daysAgo > 1 ? 600 : 120);
          d = await takeStep(db, cv, d.id, { action: 'submit', note: 'Dự thảo kết quả kèm theo' }, clock, store);
          if (p.target === 'sent_back') {
            later(60);
            await takeStep(
              db,
              leader,
              d.id,
              { action: 'send_back', note: 'Bổ sung căn cứ pháp lý trong dự thảo' },
              clock,
              store,
            );
            continue;
          }
          while (d.step === 'verify') d = await takeStep(db, leader, d.id, { action: 'verify' }, clock, store);
          if (p.target === 'approve') continue;
          later(60);
          d = await takeStep(db, leader, d.id, { action: 'approve' }, clock, store);
          if (p.target === 'return') continue;
          later(30);
          await takeStep(
            db,
            counter,
            d.id,
            {
              action: 'return_result',
              result: {
                number: `${100 + i}/GXN-UBND`,
                date: clock.localDate(now),
                signer: leader.displayName,
                file: {
                  name: `ket-qua-${i + 1}.pdf`,
                  contentType: 'application/pdf',
                  contentBase64: Buffer.from(`%PDF-1.4\n% ket qua ${i + 1}\n`).toString('base64'),
                },
              },
            },
            clock,
            store,
          );
        } catch {
          // A demo dossier that does not fit (a procedure missing from a province's list): the others still come.
        }
      }
    }
    return { oneStopDossiers: made };
  },
};
