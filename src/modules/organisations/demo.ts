import type { DemoModule, DemoUnit } from '../../core/demo.js';
import { bulkInsert } from '../../db/bulk.js';
import { searchKey } from '../../core/text.js';

/** The provinces and ministries whose units and plans the demo shows. */
const PROVINCES = ['01', '79', '48', '31', '38'];
const MINISTRIES = ['Bộ Y tế', 'Bộ Nông nghiệp và Môi trường'];

const PSU_KINDS = [
  { field: 'education', name: 'Trường Trung học cơ sở' },
  { field: 'health', name: 'Trạm Y tế' },
  { field: 'culture', name: 'Trung tâm Văn hóa - Thể thao' },
  { field: 'agriculture', name: 'Trung tâm Dịch vụ nông nghiệp' },
];

const UNIT_COLUMNS = {
  id: 'uuid',
  kind: 'text',
  province_code: 'text',
  unit_code: 'text',
  ministry: 'text',
  name: 'text',
  search_key: 'text',
  field: 'text',
  autonomy: 'int',
  staff: 'int',
  budget_vnd: 'int8',
  owner_agency: 'text',
  charter_capital_vnd: 'int8',
  employees: 'int',
  valid_from: 'date',
  valid_to: 'date',
  made_by_plan: 'uuid',
};

/**
 * Public service units and state-owned enterprises of five provinces and two ministries, with plans in every state:
 * mergers of commune public service units done on 1/7/2025, a dissolution overdue, an equitization approved, a transfer
 * being drafted, a divestment under way.
 */
export const organisationsDemoModule: DemoModule = {
  name: 'organisations',
  async generate({ database, units, rng }) {
    const r = rng.fork('organisations');
    const unitRows: Record<string, unknown>[] = [];
    const planRows: Record<string, unknown>[] = [];
    const sideRows: Record<string, unknown>[] = [];
    const orgUnit = (u: Partial<Record<string, unknown>> & { name: string }) => {
      const row: Record<string, unknown> & { id: string; name: string } = {
        id: crypto.randomUUID(),
        kind: 'public_service_unit',
        province_code: null,
        unit_code: null,
        ministry: null,
        field: null,
        autonomy: null,
        staff: null,
        budget_vnd: null,
        owner_agency: null,
        charter_capital_vnd: null,
        employees: null,
        valid_from: '2025-07-01',
        valid_to: null,
        made_by_plan: null,
        ...u,
        search_key: searchKey(u.name),
      };
      unitRows.push(row);
      return row;
    };
    const plan = (
      p: Record<string, unknown> & { kind: string; state: string; target_date: string },
      before: { id: string; name: string }[],
      after: { id: string | null; name: string }[],
    ) => {
      const id = crypto.randomUUID();
      planRows.push({
        id,
        province_code: null,
        unit_code: null,
        ministry: null,
        decision_number: null,
        decision_date: null,
        staff_moved: 0,
        new_owner: null,
        done_on: null,
        ...p,
      });
      for (const b of before)
        sideRows.push({
          plan_id: id,
          province_code: p.province_code ?? null,
          side: 'before',
          org_unit_id: b.id,
          name: b.name,
        });
      for (const a of after)
        sideRows.push({
          plan_id: id,
          province_code: p.province_code ?? null,
          side: 'after',
          org_unit_id: a.id,
          name: a.name,
        });
      return id;
    };

    const byProvince = new Map<string, DemoUnit[]>();
    for (const u of units)
      if (u.level === 'commune') byProvince.set(u.provinceCode, [...(byProvince.get(u.provinceCode) ?? []), u]);
    for (const p of PROVINCES) {
      const province = units.find((u) => u.code === p);
      if (!province) continue;
      const communes = (byProvince.get(p) ?? []).slice(0, 6);
      const psus = communes.flatMap((c) =>
        PSU_KINDS.slice(0, 3).map((k) =>
          orgUnit({
            province_code: p,
            unit_code: c.code,
            name: `${k.name} ${c.name}`,
            field: k.field,
            autonomy: r.int(3, 4),
            staff: r.int(12, 60),
            budget_vnd: r.int(2, 15) * 1_000_000_000,
          }),
        ),
      );
      const soe = orgUnit({
        kind: 'state_enterprise',
        province_code: p,
        unit_code: p,
        name: `Công ty TNHH MTV Môi trường đô thị ${province.name}`,
        owner_agency: `UBND ${province.fullName}`,
        charter_capital_vnd: r.int(50, 400) * 1_000_000_000,
        employees: r.int(200, 1200),
      });
      const centre = orgUnit({
        province_code: p,
        unit_code: p,
        name: `Trung tâm Xúc tiến đầu tư ${province.name}`,
        field: 'economy',
        autonomy: 3,
        staff: r.int(15, 40),
        budget_vnd: r.int(5, 20) * 1_000_000_000,
      });
      // Two commune schools merged on 1/7/2025, with the communes.
      const [a, b] = [psus[0]!, psus[3]!];
      const mergedId = crypto.randomUUID();
      // Named after the two communes (a code is never shown to a user).
      const mergedName = `Trường Trung học cơ sở liên xã ${communes[0]!.name} - ${communes[1]!.name}`;
      const planId = plan(
        {
          province_code: p,
          unit_code: p,
          kind: 'merge',
          title: `Hợp nhất ${a.name} và ${b.name}`,
          decision_number: `${r.int(100, 999)}/QĐ-UBND`,
          decision_date: '2025-06-20',
          target_date: '2025-07-01',
          state: 'done',
          staff_moved: (a.staff as number) + (b.staff as number),
          done_on: '2025-07-01',
        },
        [a as { id: string; name: string }, b as { id: string; name: string }],
        [{ id: mergedId, name: mergedName }],
      );
      a.valid_from = b.valid_from = '2020-01-01';
      a.valid_to = b.valid_to = '2025-07-01';
      orgUnit({
        id: mergedId,
        province_code: p,
        unit_code: a.unit_code,
        name: mergedName,
        field: 'education',
        autonomy: 4,
        staff: (a.staff as number) + (b.staff as number),
        valid_from: '2025-07-01',
        made_by_plan: planId,
      });
      plan(
        {
          province_code: p,
          unit_code: p,
          kind: 'dissolve',
          title: `Giải thể ${centre.name}, chuyển nhiệm vụ về Sở Tài chính`,
          decision_number: `${r.int(100, 999)}/QĐ-UBND`,
          decision_date: '2025-09-10',
          target_date: '2025-12-31',
          state: 'in_progress',
          staff_moved: centre.staff,
        },
        [centre as { id: string; name: string }],
        [],
      );
      plan(
        {
          province_code: p,
          unit_code: p,
          kind: 'divest',
          title: `Thoái vốn nhà nước tại ${soe.name}`,
          decision_number: `${r.int(100, 999)}/QĐ-UBND`,
          decision_date: '2025-11-05',
          target_date: '2026-12-31',
          state: 'approved',
        },
        [soe as { id: string; name: string }],
        [],
      );
      const clinic = psus[1]!;
      plan(
        {
          province_code: p,
          unit_code: p,
          kind: 'transfer',
          title: `Chuyển ${clinic.name} về Trung tâm Y tế khu vực`,
          target_date: '2026-06-30',
          state: 'draft',
          new_owner: `Sở Y tế ${province.fullName}`,
        },
        [clinic as { id: string; name: string }],
        [{ id: null, name: `${clinic.name} (thuộc Trung tâm Y tế khu vực)` }],
      );
    }
    for (const m of MINISTRIES) {
      const hospital = orgUnit({
        ministry: m,
        name:
          m === 'Bộ Y tế'
            ? 'Bệnh viện Điều dưỡng và Phục hồi chức năng Trung ương'
            : 'Viện Quy hoạch Thủy lợi miền Trung',
        field: m === 'Bộ Y tế' ? 'health' : 'science',
        autonomy: 2,
        staff: r.int(150, 400),
        budget_vnd: r.int(40, 120) * 1_000_000_000,
      });
      plan(
        {
          ministry: m,
          kind: 'equitize',
          title: `Chuyển ${hospital.name} thành công ty cổ phần`,
          decision_number: `${r.int(1000, 3999)}/QĐ-${m === 'Bộ Y tế' ? 'BYT' : 'BNNMT'}`,
          decision_date: '2025-10-01',
          target_date: '2026-09-30',
          state: 'approved',
          staff_moved: hospital.staff,
        },
        [hospital as { id: string; name: string }],
        [{ id: null, name: `Công ty cổ phần ${hospital.name}` }],
      );
    }
    const db = database.db;
    await bulkInsert(db, 'org_units', UNIT_COLUMNS, unitRows);
    await bulkInsert(
      db,
      'org_plans',
      {
        id: 'uuid',
        province_code: 'text',
        unit_code: 'text',
        ministry: 'text',
        kind: 'text',
        title: 'text',
        decision_number: 'text',
        decision_date: 'date',
        target_date: 'date',
        state: 'text',
        staff_moved: 'int',
        new_owner: 'text',
        done_on: 'date',
      },
      planRows,
    );
    await bulkInsert(
      db,
      'org_plan_units',
      { plan_id: 'uuid', province_code: 'text', side: 'text', org_unit_id: 'uuid', name: 'text' },
      sideRows,
    );
    return { orgUnits: unitRows.length, orgPlans: planRows.length };
  },
};
