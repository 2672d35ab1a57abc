/**
 * The authorization matrix: every operation of the OpenAPI document, the answer each caller gets at three places
 * (issue #14). test/access-matrix.test.ts fails when a route has no row here (a new route must say who may use it)
 * or a row names a route that no longer exists, and walks the rows it can probe through the real routes.
 *
 * Callers (the demo accounts): admin, ministry, province = province-01 (Hà Nội), commune = commune-00004 (Ba Đình),
 * viewer = a read-only account of Hà Nội, officer = officer-01 (a reinforcement officer of Hà Nội),
 * staff = staff-00004 (a civil servant's own account in Ba Đình: their own record and work only, docs/accounts.md).
 * Places: own = Ba Đình (00004, Hà Nội), sibling = Ngọc Hà (00008, Hà Nội), far = Thủ Dầu Một (25747, Hồ Chí Minh City).
 *
 * An answer is three letters, one a place (own, sibling, far):
 *   Y = answered (2xx)                      N = refused (403/404), or a list that holds nothing of the place
 *   F = refused whatever the place (403)    . = the same answer as for the own place (no place in the route)
 * `probe` says how the test reaches the route; routes it does not probe name the test that covers them instead.
 */
export type Caller = 'admin' | 'ministry' | 'province' | 'commune' | 'viewer' | 'officer' | 'staff';
export const CALLERS: Caller[] = ['admin', 'ministry', 'province', 'commune', 'viewer', 'officer', 'staff'];
export type Answers = Record<Caller, string>;

/** What the test knows of a place: its unit codes and a record of each kind lying there. */
export interface Fixture {
  unit: string;
  province: string;
  dossier: string;
  person: string;
  recommendation: string;
  /** a leaving case (settlement) whose agency is the unit */
  settlementCase: string;
  /** an archive hand-over the unit receives */
  handover: string;
  /** a digitization batch of the unit */
  batch: string;
  /** a rearrangement plan of public service units lying in the unit's province */
  orgPlan: string;
}

export interface Row {
  /** 'public': no sign-in needed; else the answers of each caller */
  access: 'public' | Answers;
  /** how to reach it at a place: the URL (path and query); a write also gives its body */
  probe?: { url: (f: Fixture) => string; body?: unknown };
  /** why the route is not probed here, and where it is tested */
  covered?: string;
}

// ---------- the usual shapes ----------

/** The accounts that see a place all get it, wherever (reference data, boards kept to their subtree). */
const EVERYONE: Answers = {
  admin: 'Y..',
  ministry: 'Y..',
  province: 'Y..',
  commune: 'Y..',
  viewer: 'Y..',
  officer: 'Y..',
  staff: 'F..',
};
/** Every signed-in account, staff accounts included (their own account, the settings everyone reads, calculators). */
const EVERY_ACCOUNT: Answers = { ...EVERYONE, staff: 'Y..' };
/** Read inside the caller's reach only: the country, a province, a commune. */
const SCOPED: Answers = {
  admin: 'YYY',
  ministry: 'YYY',
  province: 'YYN',
  commune: 'YNN',
  viewer: 'YYN',
  officer: 'YYN',
  staff: 'NNN',
};
/** A unit's structure and published list: the scope's readers, and a staff account for its own unit. */
const OWN_UNIT: Answers = { ...SCOPED, staff: 'YNN' };
/** A staff account's own work (its periods and tasks, in its unit) besides the scope's readers. */
const OWN_WORK: Answers = { ...SCOPED, staff: 'YNN' };
/** Administrators only. */
const ADMIN: Answers = {
  admin: 'Y..',
  ministry: 'F..',
  province: 'F..',
  commune: 'F..',
  viewer: 'F..',
  officer: 'F..',
  staff: 'F..',
};
/** A write in the caller's reach by the offices (not viewers, not officers). */
const SCOPED_WRITE: Answers = {
  admin: 'YYY',
  ministry: 'YYY',
  province: 'YYN',
  commune: 'YNN',
  viewer: 'FFF',
  officer: 'FFF',
  staff: 'FFF',
};
/** The Ministry's national work (not its officers in the field). */
const NATIONAL: Answers = {
  admin: 'Y..',
  ministry: 'Y..',
  province: 'F..',
  commune: 'F..',
  viewer: 'F..',
  officer: 'F..',
  staff: 'F..',
};

/** The local work of provinces and communes (archives, a unit's accounts): neither the Ministry nor its officers. */
const LOCAL_WRITE: Answers = { ...SCOPED_WRITE, ministry: 'FFF' };
/** A training's host: the Ministry for the country, a province for its own events (src/modules/training/policy.ts). */
const HOSTS: Answers = {
  admin: 'YYY',
  ministry: 'YYY',
  province: 'YYN',
  commune: 'FFF',
  viewer: 'FFF',
  officer: 'FFF',
  staff: 'FFF',
};

const at =
  (path: string) =>
  (f: Fixture): string =>
    path
      .replace('{code}', f.unit)
      .replace('{province}', f.province)
      .replace('{dossier}', f.dossier)
      .replace('{person}', f.person)
      .replace('{recommendation}', f.recommendation)
      .replace('{settlementCase}', f.settlementCase)
      .replace('{handover}', f.handover)
      .replace('{batch}', f.batch)
      .replace('{orgPlan}', f.orgPlan);

const own = (url: string) => ({ url: () => url });

export const ACCESS_MATRIX: Record<string, Row> = {
  // ---------- system and sign-in ----------
  'GET /api/health': { access: 'public' },
  'GET /api/meta': { access: 'public' },
  'GET /api/geo/provinces': { access: 'public' },
  'GET /api/geo/communes': { access: 'public' },
  'POST /api/auth/login': { access: 'public' },
  // sign-in through an OpenID Connect provider (404 when none is configured): test/oidc-sign-in.test.ts
  'GET /api/auth/oidc/start': { access: 'public' },
  'GET /api/auth/oidc/callback': { access: 'public' },
  'POST /api/auth/logout': { access: EVERY_ACCOUNT, covered: 'src/modules/accounts (a probe would end the session)' },
  'GET /api/auth/me': { access: EVERY_ACCOUNT, probe: own('/api/auth/me') },
  'POST /api/auth/password': { access: EVERY_ACCOUNT, covered: 'src/modules/accounts/accounts.test.ts' },
  'GET /api/users': {
    access: { ...ADMIN, ministry: 'Y..', province: 'Y..' },
    probe: own('/api/users'),
  },
  'POST /api/users': { access: ADMIN, covered: 'test/access.test.ts, src/modules/accounts' },
  'GET /api/audit': { access: SCOPED, probe: { url: at('/api/audit?unit={code}') } },
  'GET /api/audit/export': {
    access: SCOPED,
    covered: 'src/modules/audit/words.test.ts (an empty workbook, not a 403, outside the scope)',
  },
  'GET /api/notifications': { access: EVERY_ACCOUNT, probe: own('/api/notifications') },
  'POST /api/notifications/read': { access: EVERY_ACCOUNT, covered: 'src/modules/recommendations (own notices only)' },

  // ---------- units and calendar ----------
  'GET /api/units': { access: EVERY_ACCOUNT, probe: own('/api/units'), covered: 'what each sees: test/access.test.ts' },
  'GET /api/units/names': {
    access: { ...SCOPED, commune: 'YYN', viewer: 'YYN', staff: 'YYN' },
    probe: { url: at('/api/units/names?province={province}') },
  },
  'GET /api/units/{code}': {
    access: { ...SCOPED, staff: 'YNN' }, // staff: its own unit's public profile
    probe: { url: at('/api/units/{code}') },
  },
  'PATCH /api/units/{code}/profile': {
    access: SCOPED_WRITE,
    probe: { url: at('/api/units/{code}/profile'), body: { email: 'vanphong@example.gov.vn' } },
  },
  'GET /api/calendar/days-off': { access: 'public' },
  'GET /api/calendar/deadline': { access: 'public' },

  // ---------- dossiers ----------
  'GET /api/procedures': { access: EVERY_ACCOUNT, probe: own('/api/procedures?province=01') },
  'POST /api/procedures': { access: SCOPED_WRITE, covered: 'src/modules/dossiers/dossiers.test.ts (province limits)' },
  'GET /api/procedures/{code}/process': {
    access: EVERY_ACCOUNT,
    probe: own('/api/procedures/1.004873/process?province=01'),
  },
  'PUT /api/procedures/{code}/process': {
    access: { ...SCOPED_WRITE, commune: 'FFF' },
    covered: "src/modules/dossiers/steps.test.ts (a province's own process: its leader, not a commune)",
  },
  // A person's queue: the people of a unit (and the unit's account); nobody at the country's level has one.
  'GET /api/dossiers/queue': {
    access: {
      admin: 'F..',
      ministry: 'F..',
      province: 'Y..',
      commune: 'Y..',
      viewer: 'F..',
      officer: 'F..',
      staff: 'F..',
    },
    probe: own('/api/dossiers/queue'),
  },
  // The steps are the unit's own people's (a province's account reaches its communes' dossiers, not their steps).
  'POST /api/dossiers/{id}/steps': {
    access: { ...SCOPED_WRITE, admin: 'FFF', ministry: 'FFF', province: 'NNN' },
    covered: 'src/modules/dossiers/steps.test.ts (each step by role, the unit only, the concurrent pick)',
  },
  'GET /api/dossiers': { access: SCOPED, probe: { url: at('/api/dossiers?unit={code}') } },
  'GET /api/dossiers/export': {
    access: SCOPED,
    covered: 'src/modules/dossiers/list-export.test.ts (an empty workbook, not a 403, outside the scope)',
  },
  'POST /api/dossiers': { access: SCOPED_WRITE, covered: 'src/modules/dossiers/policy.test.ts' },
  'GET /api/dossiers/{id}': { access: SCOPED, probe: { url: at('/api/dossiers/{dossier}') } },
  'GET /api/dossiers/{id}/forms/{form}': { access: SCOPED, probe: { url: at('/api/dossiers/{dossier}/forms/05') } },
  'POST /api/dossiers/{id}/transitions': { access: SCOPED_WRITE, covered: 'src/modules/dossiers/policy.test.ts' },
  'POST /api/dossiers/{id}/apology': { access: SCOPED_WRITE, covered: 'src/modules/dossiers/policy.test.ts' },
  'POST /api/dossiers/{id}/documents': { access: SCOPED_WRITE, covered: 'src/modules/dossiers/policy.test.ts' },
  // a complaint brought to the unit: the people of the units holding or having received the dossier
  'POST /api/dossiers/{id}/complaints': {
    access: { ...SCOPED_WRITE, admin: 'FFF', ministry: 'FFF' },
    covered: 'src/modules/dossiers/policy.test.ts, src/modules/dossiers/index766.test.ts',
  },
  'GET /api/dossiers/{id}/complaints': { access: SCOPED, probe: { url: at('/api/dossiers/{dossier}/complaints') } },
  'GET /api/dossiers/apology-warnings': {
    access: SCOPED,
    probe: { url: at('/api/dossiers/apology-warnings?unit={code}') },
  },
  'GET /api/dashboards/dossiers': { access: SCOPED, probe: { url: at('/api/dashboards/dossiers?unit={code}') } },
  'GET /api/dashboards/dossiers/trend': {
    access: SCOPED,
    probe: { url: at('/api/dashboards/dossiers/trend?unit={code}') },
  },
  'GET /api/dashboards/dossiers/export': {
    access: SCOPED,
    probe: { url: at('/api/dashboards/dossiers/export?unit={code}') },
  },
  'GET /api/dashboards/dossiers/congestion': {
    access: { ...SCOPED, commune: 'F..' },
    probe: { url: at('/api/dashboards/dossiers/congestion?province={province}') },
  },
  'GET /api/public/dossiers/{receiptCode}': { access: 'public' },
  'POST /api/public/dossiers/{receiptCode}/rating': { access: 'public' },
  'POST /api/public/dossiers/{receiptCode}/complaints': { access: 'public' },

  // ---------- workforce ----------
  'GET /api/agencies': { access: OWN_UNIT, probe: { url: at('/api/agencies?unit={code}') } },
  'GET /api/posts': { access: OWN_UNIT, probe: { url: at('/api/posts?unit={code}') } },
  'GET /api/people': { access: SCOPED, probe: { url: at('/api/people?unit={code}') } },
  'POST /api/people': {
    access: SCOPED_WRITE,
    covered: 'src/modules/workforce/policy.test.ts, test/officer-reach.test.ts',
  },
  'GET /api/people/{id}': { access: SCOPED, probe: { url: at('/api/people/{person}') } },
  'PATCH /api/people/{id}': { access: SCOPED_WRITE, covered: 'src/modules/workforce/policy.test.ts' },
  'POST /api/assignments': { access: SCOPED_WRITE, covered: 'src/modules/workforce (secondment scope: part A)' },
  'GET /api/workforce/summary': { access: SCOPED, probe: { url: at('/api/workforce/summary?unit={code}') } },
  'GET /api/workforce/summary.xlsx': { access: SCOPED, probe: { url: at('/api/workforce/summary.xlsx?unit={code}') } },
  'GET /api/workforce/export': { access: SCOPED, probe: { url: at('/api/workforce/export?unit={code}') } },
  'POST /api/workforce/import': {
    access: SCOPED_WRITE,
    covered: 'test/officer-reach.test.ts, src/modules/workforce/io',
  },
  'GET /api/workforce/import/{job}': { access: EVERYONE, covered: 'src/modules/workforce/io (a job is its owner’s)' },

  // ---------- the two-way channel ----------
  'GET /api/recommendations': { access: SCOPED, probe: { url: at('/api/recommendations?unit={code}') } },
  'POST /api/recommendations': { access: SCOPED_WRITE, covered: 'src/modules/recommendations/policy.test.ts' },
  'GET /api/recommendations/{id}': { access: SCOPED, probe: { url: at('/api/recommendations/{recommendation}') } },
  'POST /api/recommendations/{id}/actions': {
    access: SCOPED_WRITE,
    covered: 'src/modules/recommendations/policy.test.ts',
  },
  'POST /api/recommendations/{id}/attachments': {
    access: SCOPED_WRITE,
    covered: 'src/modules/recommendations/recommendations.test.ts',
  },
  'GET /api/recommendations/{id}/attachments/{n}': {
    access: SCOPED,
    covered: 'src/modules/recommendations/recommendations.test.ts',
  },
  'POST /api/recommendations/{id}/publish': { access: NATIONAL, covered: 'src/modules/recommendations/policy.test.ts' },
  'POST /api/recommendations/deadline-warnings': {
    access: NATIONAL,
    probe: own('/api/recommendations/deadline-warnings'),
  },
  'GET /api/recommendations/due-soon': { access: EVERYONE, probe: own('/api/recommendations/due-soon') },
  'GET /api/recommendations/settings': { access: EVERY_ACCOUNT, probe: own('/api/recommendations/settings') },
  'PUT /api/recommendations/settings/{field}': {
    // without a province: the Ministry's national limit; a province user sets its own province's
    access: { ...NATIONAL, province: 'Y..' },
    probe: {
      // a field no other test reads (on PostgreSQL the test files share one database)
      url: () => '/api/recommendations/settings/policy_regimes',
      body: { answerWorkingDays: 10, warnWorkingDays: 2 },
    },
  },
  'GET /api/recommendations/similar': {
    access: EVERYONE,
    probe: own('/api/recommendations/similar?text=c%C3%B4ng%20ch%E1%BB%A9c'),
  },
  'GET /api/recommendations/stats': { access: EVERYONE, probe: own('/api/recommendations/stats') },
  'GET /api/knowledge': { access: EVERY_ACCOUNT, probe: own('/api/knowledge') },
  'GET /api/knowledge/{id}': { access: EVERY_ACCOUNT, covered: 'src/modules/recommendations/recommendations.test.ts' },

  // ---------- reinforcement ----------
  'GET /api/reinforcement/phases': { access: EVERY_ACCOUNT, probe: own('/api/reinforcement/phases') },
  'POST /api/reinforcement/phases': { access: NATIONAL, covered: 'src/modules/reinforcement/reinforcement.test.ts' },
  'GET /api/reinforcement/phases/{id}': {
    access: EVERYONE,
    covered: 'src/modules/reinforcement/reinforcement.test.ts',
  },
  'GET /api/reinforcement/phases/{id}/coverage': {
    access: EVERYONE,
    covered: 'src/modules/reinforcement/reinforcement.test.ts',
  },
  'GET /api/reinforcement/phases/{id}/officers': {
    access: EVERYONE,
    covered: 'src/modules/reinforcement/reinforcement.test.ts',
  },
  'PUT /api/reinforcement/phases/{id}/officers/{username}': {
    access: NATIONAL,
    covered: 'src/modules/reinforcement/reinforcement.test.ts',
  },
  'DELETE /api/reinforcement/phases/{id}/officers/{username}': {
    access: NATIONAL,
    covered: 'src/modules/reinforcement/reinforcement.test.ts',
  },
  'GET /api/reinforcement/phases/{id}/reports-status': {
    access: EVERYONE,
    covered: 'src/modules/reinforcement/reinforcement.test.ts',
  },
  'GET /api/reinforcement/schedules': {
    access: { ...EVERYONE, staff: 'N..' }, // staff: an empty list, no officer's work
    probe: own('/api/reinforcement/schedules'),
  },
  'PUT /api/reinforcement/schedules': { access: NATIONAL, covered: 'src/modules/reinforcement (officers only)' },
  'GET /api/reinforcement/visits': {
    access: SCOPED,
    probe: { url: at('/api/reinforcement/visits?province={province}') },
  },
  'POST /api/reinforcement/visits': { access: NATIONAL, covered: 'src/modules/reinforcement (officers only)' },
  'GET /api/reinforcement/visits/{id}': { access: SCOPED, covered: 'src/modules/reinforcement/reinforcement.test.ts' },
  'POST /api/reinforcement/visits/{id}/photos': {
    access: NATIONAL,
    covered: 'src/modules/reinforcement (officers only)',
  },
  'GET /api/reinforcement/visits/{id}/photos/{n}': {
    access: SCOPED,
    covered: 'src/modules/reinforcement/reinforcement.test.ts',
  },
  'GET /api/reinforcement/reports': {
    access: SCOPED,
    probe: { url: at('/api/reinforcement/reports?province={province}') },
  },
  'GET /api/reinforcement/reports/{id}': { access: SCOPED, covered: 'src/modules/reinforcement/reinforcement.test.ts' },
  'POST /api/reinforcement/reports/draft': { access: NATIONAL, covered: 'src/modules/reinforcement (officers only)' },
  'POST /api/reinforcement/reports/{id}/submit': {
    access: NATIONAL,
    covered: 'src/modules/reinforcement (officers only)',
  },
  'PATCH /api/reinforcement/reports/{id}': { access: NATIONAL, covered: 'src/modules/reinforcement (officers only)' },

  // ---------- assessments ----------
  'GET /api/assessments/settings': { access: EVERY_ACCOUNT, probe: own('/api/assessments/settings') },
  'PUT /api/assessments/settings': { access: NATIONAL, covered: 'src/modules/assessments/policy.test.ts' },
  'GET /api/assessments/periods': { access: OWN_WORK, probe: { url: at('/api/assessments/periods?unit={code}') } },
  'GET /api/assessments/periods/{id}': { access: SCOPED, covered: 'src/modules/assessments/assessments.test.ts' },
  'POST /api/assessments/periods/{id}/close': {
    access: SCOPED_WRITE,
    covered: 'src/modules/assessments/policy.test.ts',
  },
  'GET /api/assessments/periods/{id}/people/{personId}': {
    access: SCOPED,
    covered: 'src/modules/assessments/assessments.test.ts',
  },
  'PUT /api/assessments/periods/{id}/people/{personId}/head': {
    access: SCOPED_WRITE,
    covered: 'src/modules/assessments/policy.test.ts',
  },
  'PUT /api/assessments/periods/{id}/people/{personId}/self': {
    access: SCOPED_WRITE,
    covered: 'src/modules/assessments/policy.test.ts (own record)',
  },
  'POST /api/assessments/reviews/{id}/corrections': {
    access: SCOPED_WRITE,
    covered: 'src/modules/assessments/policy.test.ts',
  },
  'GET /api/assessments/tasks': { access: OWN_WORK, probe: { url: at('/api/assessments/tasks?unit={code}') } },
  'POST /api/assessments/tasks': { access: SCOPED_WRITE, covered: 'src/modules/assessments/policy.test.ts' },
  'GET /api/assessments/tasks/{id}': { access: SCOPED, covered: 'src/modules/assessments/assessments.test.ts' },
  'POST /api/assessments/tasks/{id}/delivery': {
    access: SCOPED_WRITE,
    covered: 'src/modules/assessments/policy.test.ts (own task)',
  },
  'POST /api/assessments/tasks/{id}/review': {
    access: SCOPED_WRITE,
    covered: 'src/modules/assessments/policy.test.ts',
  },
  'GET /api/assessments/people/{id}': { access: SCOPED, probe: { url: at('/api/assessments/people/{person}') } },
  'GET /api/assessments/units/{code}/annual/{year}': {
    access: OWN_UNIT, // staff: their unit's list once published inside the unit (Law 80/2025 Art. 26)
    probe: { url: at('/api/assessments/units/{code}/annual/2026') },
  },
  'POST /api/assessments/units/{code}/annual/{year}/compute': {
    access: SCOPED_WRITE,
    covered: 'src/modules/assessments/policy.test.ts',
  },
  'POST /api/assessments/units/{code}/annual/{year}/publish': {
    access: SCOPED_WRITE,
    covered: 'src/modules/assessments/policy.test.ts',
  },
  'GET /api/assessments/units/{code}/annual/{year}/list.xlsx': {
    access: OWN_UNIT,
    probe: { url: at('/api/assessments/units/{code}/annual/2026/list.xlsx') },
  },
  'GET /api/assessments/units/{code}/annual/{year}/report.docx': {
    access: OWN_UNIT,
    probe: { url: at('/api/assessments/units/{code}/annual/2026/report.docx') },
  },
  'PATCH /api/assessments/annual/{id}': { access: SCOPED_WRITE, covered: 'src/modules/assessments/policy.test.ts' },
  'POST /api/assessments/annual/{id}/confirm': {
    access: SCOPED_WRITE,
    covered: 'src/modules/assessments/policy.test.ts',
  },
  'GET /api/assessments/compare': {
    access: { ...EVERYONE, commune: 'F..' },
    probe: own('/api/assessments/compare?year=2026'),
  },
  'GET /api/assessments/overdue': { access: EVERYONE, probe: own('/api/assessments/overdue?year=2026') },
  'POST /api/assessments/calculate': {
    access: EVERY_ACCOUNT,
    probe: {
      url: () => '/api/assessments/calculate',
      body: {
        general: { qualities: 10, competence: 10, innovation: 10 },
        tasks: [{ productKind: 'report', quantity: 1, products: [{ accepted: true, majorErrors: 0, delays: 0 }] }],
      },
    },
  },
  'POST /api/assessments/calculate-annual': {
    access: EVERY_ACCOUNT,
    probe: {
      url: () => '/api/assessments/calculate-annual',
      body: { year: 2026, periodScores: [92, 94], served: [{ from: '2026-01-01', to: '2026-06-30' }] },
    },
  },

  // ---------- a unit's accounts, the province's procedure list ----------
  'GET /api/unit-accounts': {
    // a unit administers its own accounts only: a province its own office's, not its communes'
    access: { ...LOCAL_WRITE, province: 'NNN' },
    probe: { url: at('/api/unit-accounts?unit={code}') },
  },
  'POST /api/unit-accounts': {
    access: { ...LOCAL_WRITE, province: 'NNN' },
    covered: 'src/modules/accounts/unit-accounts.test.ts',
  },
  'PATCH /api/unit-accounts/{id}': {
    access: { ...LOCAL_WRITE, province: 'NNN' },
    covered: 'src/modules/accounts/unit-accounts.test.ts',
  },
  'POST /api/unit-accounts/{id}/close': {
    access: { ...LOCAL_WRITE, province: 'NNN' },
    covered: 'src/modules/accounts/unit-accounts.test.ts',
  },
  'POST /api/unit-accounts/{id}/password': {
    access: { ...LOCAL_WRITE, province: 'NNN' },
    covered: 'src/modules/accounts/unit-accounts.test.ts, src/modules/accounts/lockout.test.ts',
  },
  'POST /api/procedures/import': {
    // the place is a province: the province's own accounts and the administrator
    access: { ...LOCAL_WRITE, commune: 'FFF' },
    covered: 'src/modules/dossiers/procedure-import.test.ts (multipart)',
  },

  // ---------- settlement of leaving cases (Decree 178/2024) ----------
  'POST /api/settlement/calculate': {
    access: EVERY_ACCOUNT,
    probe: {
      url: () => '/api/settlement/calculate',
      body: {
        regime: 'quit',
        category: 'civil_servant',
        decisionDate: '2025-07-01',
        leaveDate: '2025-09-01',
        birthDate: '1980-02-02',
        sex: 'male',
        salary: { coefficient: 3, allowances: 0.5 },
        socialInsurance: { years: 12, months: 3 },
      },
    },
  },
  'GET /api/settlement/cases': { access: SCOPED, probe: { url: at('/api/settlement/cases?agency={code}') } },
  'POST /api/settlement/cases': { access: SCOPED_WRITE, covered: 'src/modules/settlement/policy.test.ts' },
  'GET /api/settlement/cases/{id}': { access: SCOPED, probe: { url: at('/api/settlement/cases/{settlementCase}') } },
  'PATCH /api/settlement/cases/{id}': { access: SCOPED_WRITE, covered: 'src/modules/settlement/policy.test.ts' },
  'GET /api/settlement/cases/{id}/sheet.docx': {
    access: SCOPED,
    probe: { url: at('/api/settlement/cases/{settlementCase}/sheet.docx') },
  },
  'GET /api/settlement/cases/{id}/sheet.pdf': {
    access: SCOPED,
    probe: { url: at('/api/settlement/cases/{settlementCase}/sheet.pdf') },
  },
  'POST /api/settlement/cases/{id}/steps': {
    // approvals by the province (its units) or the Ministry; the agency's steps (pay, close) by the writers
    access: SCOPED_WRITE,
    covered: 'src/modules/settlement/policy.test.ts (communes never approve their own cases)',
  },
  'POST /api/settlement/cases/{id}/override': {
    access: { ...SCOPED_WRITE, commune: 'FFF' },
    covered: 'src/modules/settlement/policy.test.ts',
  },
  'GET /api/settlement/progress': {
    access: EVERYONE,
    probe: own('/api/settlement/progress'),
    covered: "each caller's subtree: src/modules/settlement/settlement.test.ts",
  },
  'GET /api/settlement/export.xlsx': {
    access: EVERYONE,
    probe: own('/api/settlement/export.xlsx?kind=cases'),
    covered: "each caller's subtree: src/modules/settlement/settlement.test.ts",
  },
  'POST /api/settlement/import': { access: SCOPED_WRITE, covered: 'src/modules/settlement/settlement.test.ts' },
  'GET /api/settlement/import-template.xlsx': {
    access: EVERY_ACCOUNT,
    probe: own('/api/settlement/import-template.xlsx'),
  },
  'GET /api/settlement/agencies': { access: EVERY_ACCOUNT, probe: own('/api/settlement/agencies') },
  'GET /api/settlement/settings': { access: EVERY_ACCOUNT, probe: own('/api/settlement/settings') },
  'PUT /api/settlement/settings': { access: NATIONAL, covered: 'src/modules/settlement/policy.test.ts' },

  // ---------- archives: hand-overs and digitization ----------
  'POST /api/archives/handovers/generate': { access: NATIONAL, covered: 'src/modules/archives/archives.test.ts' },
  'GET /api/archives/handovers': {
    access: SCOPED,
    probe: { url: at('/api/archives/handovers?successor={code}') },
  },
  'GET /api/archives/handovers/board': {
    access: EVERYONE,
    probe: own('/api/archives/handovers/board'),
    covered: "each caller's subtree: src/modules/archives/archives.test.ts",
  },
  'GET /api/archives/handovers/{id}': { access: SCOPED, probe: { url: at('/api/archives/handovers/{handover}') } },
  'POST /api/archives/handovers/{id}/actions': {
    access: LOCAL_WRITE,
    covered: 'src/modules/archives/policy.test.ts, archives.test.ts',
  },
  'POST /api/archives/handovers/{id}/designate': {
    access: { ...LOCAL_WRITE, commune: 'FFF' },
    covered: 'src/modules/archives/policy.test.ts, archives.test.ts',
  },
  'POST /api/archives/handovers/{id}/minutes': {
    access: LOCAL_WRITE,
    covered: 'src/modules/archives/archives.test.ts',
  },
  'GET /api/archives/handovers/{id}/minutes': { access: SCOPED, covered: 'src/modules/archives/archives.test.ts' },
  'POST /api/archives/plans': { access: LOCAL_WRITE, covered: 'src/modules/archives/archives.test.ts' },
  'GET /api/archives/plans': { access: SCOPED, probe: { url: at('/api/archives/plans?unit={code}') } },
  'POST /api/archives/plans/{id}/batches': { access: LOCAL_WRITE, covered: 'src/modules/archives/archives.test.ts' },
  'GET /api/archives/batches': { access: SCOPED, probe: { url: at('/api/archives/batches?unit={code}') } },
  'GET /api/archives/batches/{id}': { access: SCOPED, probe: { url: at('/api/archives/batches/{batch}') } },
  'POST /api/archives/batches/{id}/actions': { access: LOCAL_WRITE, covered: 'src/modules/archives/archives.test.ts' },
  'POST /api/archives/batches/{id}/uploads': { access: LOCAL_WRITE, covered: 'src/modules/archives/archives.test.ts' },
  'GET /api/archives/uploads/{id}': { access: LOCAL_WRITE, covered: 'src/modules/archives/archives.test.ts' },
  'PATCH /api/archives/uploads/{id}': { access: LOCAL_WRITE, covered: 'src/modules/archives/archives.test.ts' },
  'GET /api/archives/scans/{id}/file': { access: SCOPED, covered: 'src/modules/archives/archives.test.ts' },
  'POST /api/archives/batches/{id}/descriptions': {
    access: LOCAL_WRITE,
    covered: 'src/modules/archives/archives.test.ts',
  },
  'POST /api/archives/batches/{id}/descriptions/import': {
    access: LOCAL_WRITE,
    covered: 'src/modules/archives/archives.test.ts',
  },
  'GET /api/archives/batches/{id}/descriptions.xlsx': {
    access: SCOPED,
    probe: { url: at('/api/archives/batches/{batch}/descriptions.xlsx') },
  },
  'PUT /api/archives/descriptions/{id}': {
    access: LOCAL_WRITE,
    covered: 'src/modules/archives/descriptions-edit.test.ts',
  },
  'GET /api/archives/descriptions': {
    // open descriptions are read by every signed-in account, restricted ones inside their unit's scope only
    access: EVERYONE,
    probe: own('/api/archives/descriptions'),
    covered: 'restricted ones: src/modules/archives/archives.test.ts',
  },
  'GET /api/archives/digitization/board': {
    access: EVERYONE,
    probe: own('/api/archives/digitization/board'),
    covered: "each caller's subtree: src/modules/archives/archives.test.ts",
  },

  // ---------- public service units, state-owned enterprises and their rearrangement ----------
  'GET /api/organisations/units': {
    // filtered by province: a commune sees the units under it
    access: { ...SCOPED, commune: 'YYN' },
    probe: { url: at('/api/organisations/units?province={province}') },
  },
  'POST /api/organisations/units': {
    // a province's (and its communes') by the province; the ministries' by the Ministry
    access: { ...LOCAL_WRITE, ministry: 'Y..', commune: 'FFF' },
    covered: 'src/modules/organisations/policy.test.ts, organisations.test.ts',
  },
  'GET /api/organisations/plans': {
    access: SCOPED,
    probe: { url: at('/api/organisations/plans?province={province}') },
  },
  'POST /api/organisations/plans': {
    access: { ...LOCAL_WRITE, ministry: 'Y..', commune: 'FFF' },
    covered: 'src/modules/organisations/policy.test.ts, organisations.test.ts',
  },
  'GET /api/organisations/plans/{id}': {
    // the demo's plans are the province's own (its schools merged): not a commune's
    access: { ...SCOPED, commune: 'NNN' },
    probe: { url: at('/api/organisations/plans/{orgPlan}') },
  },
  'POST /api/organisations/plans/{id}/actions': {
    access: { ...LOCAL_WRITE, ministry: 'Y..', commune: 'FFF' },
    covered: 'src/modules/organisations/policy.test.ts, organisations.test.ts',
  },
  'GET /api/organisations/progress': {
    access: EVERYONE,
    probe: own('/api/organisations/progress'),
    covered: "each caller's subtree: src/modules/organisations/organisations.test.ts",
  },

  // ---------- training conferences (issue #17): the host (Ministry, or a province for its own event), the bridges
  // in scope; a staff account reaches none (its own certificate only) ----------
  'GET /api/trainings': {
    access: SCOPED,
    covered: 'src/modules/training/training.test.ts (a commune sees the events its bridge is in)',
  },
  'GET /api/trainings/mine': {
    // an account linked to a staff record (a staff account; a unit's personal account): that person's own conferences
    // a unit's own account (the Ministry's, a province's, a commune's) has no staff record: refused
    access: { ...NATIONAL, admin: 'F..', ministry: 'F..', staff: 'Y..' },
    probe: own('/api/trainings/mine'),
    covered: 'what each lists: src/modules/training/editing-presence.test.ts (a staff account’s own conferences)',
  },
  'POST /api/trainings': { access: HOSTS, covered: 'src/modules/training/policy.test.ts' },
  'GET /api/trainings/{id}': { access: SCOPED, covered: 'src/modules/training/training.test.ts' },
  'PATCH /api/trainings/{id}': {
    access: HOSTS,
    covered:
      'src/modules/training/editing-presence.test.ts, src/modules/training/policy.test.ts (the host, before the start)',
  },
  'POST /api/trainings/{id}/changes/preview': {
    access: HOSTS,
    covered: 'src/modules/training/editing-presence.test.ts (who an audience change would cancel; nothing saved)',
  },
  'GET /api/trainings/{id}/bridges/{unitCode}/presence-code': {
    access: SCOPED_WRITE,
    covered:
      'src/modules/training/editing-presence.test.ts (the bridge officer; a neighbour and a staff account refused)',
  },
  'POST /api/trainings/{id}/presence/scan': {
    // the attendee themself, whatever the account's role (a unit's own account has no staff record: refused, 409)
    access: EVERY_ACCOUNT,
    covered: 'src/modules/training/editing-presence.test.ts, src/modules/training/policy.test.ts (own presence only)',
  },
  'GET /api/trainings/{id}/attendees/{personId}/certificate/status': {
    access: OWN_WORK,
    covered:
      'src/modules/training/editing-presence.test.ts (the certificate page: own, the unit’s staff, a reason otherwise)',
  },
  'GET /api/trainings/{id}/bridges': {
    access: SCOPED,
    covered: 'src/modules/training/training.test.ts (bridges in the caller’s scope)',
  },
  'GET /api/trainings/{id}/board': { access: SCOPED, covered: 'src/modules/training/training.test.ts' },
  'GET /api/trainings/{id}/silent': { access: SCOPED, covered: 'src/modules/training/training.test.ts' },
  'GET /api/trainings/{id}/live': {
    access: SCOPED,
    covered: 'src/modules/training/training.test.ts (a commune never hears its neighbour)',
  },
  'POST /api/trainings/{id}/bridges/{unitCode}/check-in': {
    access: SCOPED_WRITE,
    covered: 'src/modules/training/training.test.ts, src/modules/training/policy.test.ts',
  },
  'POST /api/trainings/{id}/attendees': { access: HOSTS, covered: 'src/modules/training/policy.test.ts' },
  'GET /api/trainings/{id}/attendees': { access: SCOPED, covered: 'src/modules/training/training.test.ts' },
  'POST /api/trainings/{id}/presence': {
    access: SCOPED_WRITE,
    covered: 'src/modules/training/training.test.ts, src/modules/training/policy.test.ts',
  },
  'POST /api/trainings/{id}/presence/import': {
    access: SCOPED_WRITE,
    covered: 'src/modules/training/training.test.ts, src/modules/training/policy.test.ts',
  },
  'PUT /api/trainings/{id}/attendees/{personId}/absence': {
    access: SCOPED_WRITE,
    covered: 'src/modules/training/policy.test.ts',
  },
  'GET /api/trainings/{id}/report': { access: HOSTS, covered: 'src/modules/training/training.test.ts' },
  'GET /api/trainings/{id}/attendees/{personId}/certificate': {
    access: OWN_WORK,
    covered:
      'src/modules/training/training.test.ts, src/modules/training/policy.test.ts (a staff account its own certificate only)',
  },
  'GET /api/trainings/certificates/{code}': {
    access: 'public',
    covered: 'src/modules/training/training.test.ts (the QR check)',
  },
  'POST /api/trainings/{id}/questions': {
    access: SCOPED_WRITE,
    covered: 'src/modules/training/training.test.ts, src/modules/training/policy.test.ts',
  },
  'GET /api/trainings/{id}/questions': { access: SCOPED, covered: 'src/modules/training/training.test.ts' },
  'POST /api/trainings/{id}/questions/{questionId}/forward': {
    access: SCOPED_WRITE,
    covered: 'src/modules/training/training.test.ts',
  },
  'GET /api/trainings/{id}/materials': { access: SCOPED, covered: 'src/modules/training/training.test.ts' },
  'POST /api/trainings/{id}/materials': { access: HOSTS, covered: 'src/modules/training/policy.test.ts' },
  'GET /api/trainings/{id}/materials/{n}': { access: SCOPED, covered: 'src/modules/training/training.test.ts' },
  // ---------- periodic reports (issue #20) ----------
  'POST /api/reports': {
    access: SCOPED_WRITE,
    covered: 'src/modules/reports/reports.test.ts (a draft of a unit in reach; ten concurrent creations, one report)',
  },
  'GET /api/reports': { access: SCOPED, probe: { url: at('/api/reports?unit={code}&period=2025-H2') } },
  'GET /api/reports/outlines/{kind}': { access: EVERYONE, probe: own('/api/reports/outlines/semiannual') },
  'PUT /api/reports/outlines/{kind}': { access: NATIONAL, covered: 'src/modules/reports/reports.test.ts' },
  'GET /api/reports/{id}': { access: SCOPED, covered: 'src/modules/reports/reports.test.ts (scope)' },
  'PUT /api/reports/{id}/sections/{key}': {
    access: { ...SCOPED_WRITE, admin: 'FFF', ministry: 'FFF', province: 'FFN' },
    covered: "src/modules/reports/reports.test.ts (the author only: a commune's own report; the province reads it)",
  },
  'POST /api/reports/{id}/recompute': {
    access: { ...SCOPED_WRITE, admin: 'FFF', ministry: 'FFF', province: 'FFN' },
    covered: 'src/modules/reports/reports.test.ts',
  },
  'POST /api/reports/{id}/accept': {
    access: { ...SCOPED_WRITE, admin: 'FFF', ministry: 'FFF', province: 'FFN' },
    covered: 'src/modules/reports/reports.test.ts',
  },
  'POST /api/reports/{id}/{step}': {
    access: { ...SCOPED_WRITE, admin: 'FFF', ministry: 'FFF', province: 'FFN' },
    covered:
      "src/modules/reports/reports.test.ts (at a commune's report: submit by the commune; return, approve, publish " +
      'by its province only, as in this row with the columns swapped; a province is approved by the Ministry)',
  },
  'GET /api/reports/{id}/children': { access: SCOPED, covered: 'src/modules/reports/reports.test.ts' },
  'GET /api/reports/{id}/document.docx': {
    access: SCOPED,
    covered: 'src/modules/reports/documents/documents-api.test.ts (the scope of GET /api/reports/{id})',
  },
  'GET /api/reports/{id}/document.pdf': {
    access: SCOPED,
    covered: 'src/modules/reports/documents/documents-api.test.ts (the scope of GET /api/reports/{id})',
  },
  'GET /api/reports/{id}/annex.xlsx': {
    access: SCOPED,
    covered: 'src/modules/reports/documents/documents-api.test.ts (the scope of GET /api/reports/{id})',
  },
};
