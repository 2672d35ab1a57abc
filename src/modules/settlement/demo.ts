/**
 * The settlement part of the demo nation: the ~94,400 leaving decisions reported by 19/8/2025 (legal brief D), spread
 * over the 34 provinces (by their number of communes) and the 27 ministries and central agencies, with the progress the
 * seeds report: 8 of 34 provinces and 18 of 27 ministries finished (every case paid, closed or refused). Every benefit
 * is computed by the real calculator. Generated in memory and written with one bulk insert per 5,000 rows.
 */
import type { DemoContext, DemoModule } from '../../core/demo.js';
import { personName, type Rng } from '../../core/random.js';
import { sql } from 'drizzle-orm';
import { bulkInsert } from '../../db/bulk.js';
import { searchKey } from '../../core/text.js';
import { calculateBenefit, type BenefitInput, type Category, type Regime } from './domain/benefits.js';
import { CENTRAL_AGENCIES } from './domain/central-agencies.js';
import { addMonths } from './domain/retirement-age.js';
import { DEFAULT_SETTINGS, RULE_VERSION } from './domain/settings.js';
import type { Status } from './domain/lifecycle.js';

export const REPORTED_DECISIONS = 94_402;
const FINISHED_PROVINCES = 8;
const FINISHED_CENTRAL = 18;
/** share of the cases held by the ministries and central agencies (choice: the reports give no split) */
const CENTRAL_SHARE = 0.22;

const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const minusDays = (iso: string, n: number) => new Date(Date.parse(iso) - n * 86_400_000).toISOString().slice(0, 10);

interface Agency {
  provinceCode: string;
  unitCodes: string[];
  key: string;
  kind: 'unit' | 'central';
  weight: number;
  finished: boolean;
}

function pickRegime(rng: Rng): Regime {
  const x = rng.next();
  return x < 0.55
    ? 'early_retirement'
    : x < 0.6
      ? 'early_retirement_streamlining'
      : x < 0.63
        ? 'early_retirement_not_reelected'
        : 'quit';
}

/** One plausible case the calculator accepts (drawn again until it does). */
function drawCase(rng: Rng, kind: Agency['kind']) {
  for (;;) {
    const regime = pickRegime(rng);
    const { fullName, gender } = personName(rng);
    const decisionDate = kind === 'central' || rng.next() < 0.4 ? '2025-03-01' : '2025-07-01';
    const leaveMonth = decisionDate === '2025-03-01' ? rng.int(4, 12) : rng.int(8, 12);
    const leaveDate = day(2025, leaveMonth, 1);
    const early = regime !== 'quit';
    const birthYear = early ? (gender === 'male' ? rng.int(1964, 1975) : rng.int(1967, 1984)) : rng.int(1972, 1997);
    const birthDate = day(birthYear, rng.int(1, 12), rng.int(1, 28));
    const age = 2025 - birthYear;
    const siYears = Math.max(1, Math.min(age - 22, early ? rng.int(16, 38) : rng.int(2, 25)));
    const category: Category =
      kind === 'central'
        ? rng.next() < 0.6
          ? 'civil_servant'
          : 'public_employee'
        : rng.pick(['commune_cadre', 'civil_servant', 'civil_servant', 'public_employee'] as const);
    const coefficient = rng.pick([2.34, 2.67, 3.0, 3.33, 3.66, 3.99, 4.32, 4.65, 4.98, 5.42, 6.2]);
    const leadership = rng.next() < 0.25 ? rng.pick([0.15, 0.2, 0.3, 0.4, 0.5, 0.6]) : 0;
    const input: BenefitInput = {
      regime,
      category,
      decisionDate,
      leaveDate,
      birthDate,
      sex: gender,
      salary: {
        coefficient,
        leadershipCoefficient: leadership || undefined,
        allowances: { publicService: category !== 'public_employee' },
      },
      socialInsurance: { years: siYears, months: rng.int(0, 11) },
    };
    const b = calculateBenefit(input, DEFAULT_SETTINGS);
    if (!b.ok) continue;
    const group =
      regime === 'early_retirement_streamlining'
        ? 'streamlining'
        : regime === 'early_retirement_not_reelected'
          ? 'not_reelected'
          : category === 'commune_cadre'
            ? 'commune_staff'
            : leadership
              ? 'leader_volunteer'
              : 'non_leader_staff';
    return { input, benefit: b, fullName, group, coefficient, leadership };
  }
}

/** The status of a case: a finished agency has settled everything; the others are on the way. */
function drawStatus(rng: Rng, finished: boolean): Status {
  const x = rng.next();
  if (finished) return x < 0.01 ? 'refused' : x < 0.5 ? 'closed' : 'paid';
  return x < 0.04
    ? 'proposed'
    : x < 0.12
      ? 'approved'
      : x < 0.3
        ? 'decided'
        : x < 0.31
          ? 'refused'
          : x < 0.85
            ? 'paid'
            : 'closed';
}

export async function generateSettlement(ctx: DemoContext): Promise<Record<string, number>> {
  const rng = ctx.rng.fork('settlement');
  // The reported number of decisions is the country's: a larger --scale (dossier volumes) does not multiply it.
  const total = Math.max(61, Math.round(REPORTED_DECISIONS * Math.min(1, ctx.scale)));
  const provinces = ctx.units.filter((u) => u.level === 'province');
  const communes = new Map<string, string[]>();
  for (const u of ctx.units)
    if (u.level === 'commune') communes.set(u.provinceCode, [...(communes.get(u.provinceCode) ?? []), u.code]);
  const finishedProv = new Set(
    [...provinces]
      .sort(() => rng.next() - 0.5)
      .slice(0, FINISHED_PROVINCES)
      .map((p) => p.code),
  );
  const finishedCentral = new Set(
    [...CENTRAL_AGENCIES]
      .sort(() => rng.next() - 0.5)
      .slice(0, FINISHED_CENTRAL)
      .map((a) => a.code),
  );
  const agencies: Agency[] = [
    ...provinces.map((p) => ({
      provinceCode: p.code,
      unitCodes: [p.code, ...(communes.get(p.code) ?? [])],
      key: p.code,
      kind: 'unit' as const,
      weight: (1 - CENTRAL_SHARE) * (1 + (communes.get(p.code)?.length ?? 0)),
      finished: finishedProv.has(p.code),
    })),
    ...CENTRAL_AGENCIES.map((a) => ({
      provinceCode: '',
      unitCodes: [a.code],
      key: a.code,
      kind: 'central' as const,
      weight: 0,
      finished: finishedCentral.has(a.code),
    })),
  ];
  const unitWeight = agencies.reduce((s, a) => s + a.weight, 0);
  for (const a of agencies) {
    if (a.kind === 'unit') a.weight = (a.weight / unitWeight) * (1 - CENTRAL_SHARE);
    else a.weight = CENTRAL_SHARE / CENTRAL_AGENCIES.length;
  }
  const now = new Date('2025-09-15T03:00:00Z');
  let rows: Record<string, unknown>[] = [];
  let written = 0;
  // Stored 5,000 at a time as they are drawn: on the first preparation the database stores them while the next are
  // computed (src/db/pglite-thread.ts).
  const flush = async () => {
    await bulkInsert(ctx.database.db, 'settlement_cases', COLUMNS, rows);
    written += rows.length;
    rows = [];
    ctx.progress?.((0.6 * written) / total);
  };
  const seq = new Map<string, number>();
  for (const a of agencies) {
    const n = Math.max(1, Math.round(a.weight * total));
    for (let i = 0; i < n; i++) {
      const c = drawCase(rng, a.kind);
      const unitCode = a.kind === 'central' ? a.key : rng.next() < 0.3 ? a.key : rng.pick(a.unitCodes);
      const status = drawStatus(rng, a.finished);
      const k = seq.get(unitCode) ?? 0;
      seq.set(unitCode, k + 1);
      const code = `NV-${unitCode}-${String(k + 1).padStart(5, '0')}`;
      const decided = status === 'decided' || status === 'paid' || status === 'closed';
      const paid = status === 'paid' || status === 'closed';
      const leave = c.input.leaveDate;
      const decisionDate = minusDays(leave, rng.int(10, 40));
      rows.push({
        province_code: a.provinceCode,
        unit_code: unitCode,
        agency_kind: a.kind,
        code,
        full_name: c.fullName,
        birth_date: c.input.birthDate,
        sex: c.input.sex,
        category: c.input.category,
        group: c.group,
        regime: c.input.regime,
        coefficient: c.coefficient,
        leadership_coefficient: c.leadership || null,
        allowances: { publicService: c.input.category !== 'public_employee' },
        si_years: c.input.socialInsurance.years,
        si_months: c.input.socialInsurance.months,
        last_three_years: ['good', 'good', 'completed'],
        restructuring_decision_no:
          a.kind === 'central' ? `${rng.int(10, 99)}/NQ-CP` : `${rng.int(1000, 1999)}/NQ-UBTVQH15`,
        restructuring_decision_date: c.input.decisionDate,
        leave_date: leave,
        status,
        leaving_decision_no: decided ? `${rng.int(100, 9999)}/QĐ-${a.kind === 'central' ? a.key : 'UBND'}` : null,
        leaving_decision_date: decided
          ? decisionDate < c.input.decisionDate
            ? c.input.decisionDate
            : decisionDate
          : null,
        paid_on: paid ? (rng.next() < 0.9 ? leave : addMonths(leave, 1)) : null,
        paid_amount: paid ? c.benefit.total : null,
        refusal_reason: status === 'refused' ? 'Không bố trí được người thay thế vị trí việc làm' : null,
        approved_by:
          status === 'proposed' || status === 'refused'
            ? null
            : a.kind === 'central'
              ? 'ministry'
              : `province-${a.provinceCode}`,
        benefit: c.benefit,
        benefit_total: c.benefit.total,
        rule_version: RULE_VERSION,
        search_key: searchKey(`${c.fullName} ${code}`),
        created_by: 'system',
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      });
      if (rows.length === 5000) await flush();
    }
  }
  await flush();
  await bulkInsert(
    ctx.database.db,
    'settlement_sequences',
    { province_code: 'text', unit_code: 'text', last: 'integer' },
    [...seq].map(([unit, last]) => ({
      province_code: agencies.find((a) => a.unitCodes.includes(unit))!.provinceCode,
      unit_code: unit,
      last,
    })),
  );
  const events = await writeHistories(ctx);
  return { settlementCases: written, settlementEvents: events };
}

/**
 * Every demo case gets the history its status implies, so a case opened in the demo shows who did what and when:
 * proposed by its agency on the restructuring decision's day, approved (or refused) by the province or the ministry
 * within ten days, the leaving decision on its date, paid on its day, closed twenty days after. Written by the
 * database from the cases in one statement (about 330,000 rows), in each case's order.
 */
async function writeHistories(ctx: DemoContext): Promise<number> {
  const at = (day: string, time: string) => sql.raw(`((${day})::text || ' ${time}+07')::timestamptz`);
  const agency = sql.raw(`CASE WHEN c.agency_kind = 'central' THEN 'ministry'
    WHEN c.unit_code = c.province_code THEN 'province-' || c.province_code ELSE 'commune-' || c.unit_code END`);
  const approver = sql.raw(
    `CASE WHEN c.agency_kind = 'central' THEN 'ministry' ELSE 'province-' || c.province_code END`,
  );
  const gap = 'COALESCE(c.leaving_decision_date - c.restructuring_decision_date, 10)';
  const reviewed = `c.restructuring_decision_date + LEAST(10, GREATEST(${gap}, 0))`;
  const res = await ctx.database.db.execute(sql`
    WITH written AS (
    INSERT INTO settlement_events (province_code, case_id, at, actor_username, action, from_status, to_status, note)
    SELECT c.province_code, c.id, s.at, s.actor, s.action, s.from_status, s.to_status, s.note
    FROM settlement_cases c
    CROSS JOIN LATERAL (VALUES
      (1, 'propose', NULL, 'proposed', ${at('c.restructuring_decision_date', '08:30:00')}, ${agency}, NULL, TRUE),
      (2, 'approve', 'proposed', 'approved', ${at(reviewed, '15:00:00')}, ${approver}, NULL,
        c.status IN ('approved', 'decided', 'paid', 'closed')),
      (2, 'refuse', 'proposed', 'refused', ${at(reviewed, '15:00:00')}, ${approver}, c.refusal_reason,
        c.status = 'refused'),
      (3, 'decide', 'approved', 'decided', ${at('c.leaving_decision_date', '16:00:00')}, ${agency}, NULL,
        c.status IN ('decided', 'paid', 'closed')),
      (4, 'pay', 'decided', 'paid', ${at('c.paid_on', '10:00:00')}, ${agency}, NULL, c.status IN ('paid', 'closed')),
      (5, 'close', 'paid', 'closed', ${at('c.paid_on + 20', '10:00:00')}, ${agency}, NULL, c.status = 'closed')
    ) AS s(n, action, from_status, to_status, at, actor, note, happened)
    WHERE s.happened
    ORDER BY c.province_code, c.id, s.n
    RETURNING 1)
    SELECT count(*)::int AS n FROM written`);
  const [row] = (Array.isArray(res) ? res : ((res as { rows?: unknown[] }).rows ?? [])) as { n: number }[];
  return Number(row?.n ?? 0);
}

const COLUMNS: Record<string, string> = {
  province_code: 'text',
  unit_code: 'text',
  agency_kind: 'text',
  code: 'text',
  full_name: 'text',
  birth_date: 'date',
  sex: 'text',
  category: 'text',
  group: 'text',
  regime: 'text',
  coefficient: 'double precision',
  leadership_coefficient: 'double precision',
  allowances: 'json',
  si_years: 'integer',
  si_months: 'integer',
  last_three_years: 'json',
  restructuring_decision_no: 'text',
  restructuring_decision_date: 'date',
  leave_date: 'date',
  status: 'text',
  leaving_decision_no: 'text',
  leaving_decision_date: 'date',
  paid_on: 'date',
  paid_amount: 'bigint',
  refusal_reason: 'text',
  approved_by: 'text',
  benefit: 'json',
  benefit_total: 'bigint',
  rule_version: 'text',
  search_key: 'text',
  created_by: 'text',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
};

export const settlementDemoModule: DemoModule = {
  name: 'settlement',
  weight: 33,
  bulkTables: ['settlement_cases', 'settlement_events'],
  generate: generateSettlement,
};
