import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn } from '../../../test/helpers.js';
import { homeOf } from '../../../web/src/landing.js';
import { CAPABILITIES, type Capability } from './contract.js';

/**
 * GET /api/auth/me tells the web what the user may open (its menu, its landing page). For every kind of account,
 * each capability it is told must be one the API serves, and each page it is not told of must be refused: the
 * page's own route is called and the answer compared.
 */
let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

/** The route that serves each page of the menu (a read in the caller's own scope); `own`: the caller's own record. */
const PROBES: Partial<Record<Capability, (own: string | null) => string | null>> = {
  'dossiers.read': () => '/api/dossiers?pageSize=1',
  'dossiers.queue': () => '/api/dossiers/queue',
  'dossiers.figures': () => '/api/dashboards/dossiers',
  'channel.read': () => '/api/recommendations?pageSize=1',
  'reinforcement.read': () => '/api/reinforcement/phases',
  'units.read': () => '/api/units?pageSize=1',
  'workforce.read': () => '/api/people?pageSize=1',
  'workforce.own': (own) => own && `/api/people/${own}`,
  'assessments.read': () => '/api/assessments/overdue?year=2027',
  'assessments.own': (own) => own && `/api/assessments/people/${own}`,
  'settlement.read': () => '/api/settlement/cases?pageSize=1',
  'archives.read': () => '/api/archives/handovers',
  'organisations.read': () => '/api/organisations/units',
  'trainings.read': () => '/api/trainings',
  'trainings.own': (own) => own && '/api/trainings/mine',
  'reports.read': () => '/api/reports?pageSize=1',
  'audit.read': () => '/api/audit?pageSize=1',
  'accounts.unit': () => '/api/unit-accounts',
  'accounts.list': () => '/api/users?pageSize=1',
};

/** Each kind of account and the page it lands on after signing in (the web's homeOf, from the capabilities alone). */
const LANDING: Record<string, string> = {
  admin: '/board',
  ministry: '/board',
  viewer: '/board',
  'province-01': '/board',
  'commune-00004': '/board',
  'staff-00004': '/danh-gia',
  '00004-tiepnhan-1': '/hang-doi',
  '00004-chuyenvien-1': '/hang-doi',
  '00004-lanhdao-1': '/hang-doi',
  'officer-01': '/tang-cuong',
};
const ACCOUNTS = Object.keys(LANDING);

/**
 * Where a route serves more than the menu offers, and why. Each is checked to still be so (a mended route must leave
 * this list), and nothing else may differ.
 */
const PHASES_OPEN =
  'GET /api/reinforcement/phases lists the phases (names and dates) to every signed-in user; the page is the ' +
  "country's and the provinces' (a commune sees the visits to it on its own pages)";
const WIDER: Record<string, string> = {
  'commune-00004 reinforcement.read': PHASES_OPEN,
  'staff-00004 reinforcement.read': PHASES_OPEN,
  '00004-tiepnhan-1 reinforcement.read': PHASES_OPEN,
  '00004-chuyenvien-1 reinforcement.read': PHASES_OPEN,
  '00004-lanhdao-1 reinforcement.read': PHASES_OPEN,
  'staff-00004 settlement.read': 'a staff account lists its own leaving case only, not a page of its unit',
  'staff-00004 trainings.read':
    'a staff account lists only the conferences it is registered for or whose audience names it (its scan and ' +
    "certificate pages), not the page of its province's conferences",
};

describe('GET /api/auth/me → capabilities', () => {
  it.each(ACCOUNTS)('%s: told exactly the pages the API serves it', async (username) => {
    const s = await signIn(ctx.app, username);
    const me = (await s.get('/api/auth/me')).json().user as { capabilities: string[]; personId?: string | null };
    for (const c of me.capabilities) expect(CAPABILITIES, `${username}: ${c} is declared`).toContain(c);
    expect(homeOf(me as { capabilities: Capability[] }), `${username} lands`).toBe(LANDING[username]);
    const answers: Record<string, [boolean, number]> = {};
    for (const [capability, probe] of Object.entries(PROBES)) {
      const url = probe(me.personId ?? null);
      if (!url) continue;
      const status = (await s.get(url)).statusCode;
      // 400: a country account has no unit of its own to ask for (the unit's accounts)
      expect([200, 400, 403], `${username} ${url}`).toContain(status);
      answers[capability] = [me.capabilities.includes(capability), status];
    }
    // told: the page is served; not told: refused, or a known wider read
    const disagree = Object.entries(answers)
      .filter(([, [told, status]]) => told !== (status === 200))
      .map(([capability, [told]]) => `${username} ${capability}${told ? ' told but refused' : ''}`);
    const known = Object.keys(WIDER).filter((k) => k.startsWith(`${username} `));
    expect(disagree.sort(), username).toEqual(known.sort());
  });

  it('a staff account is offered its own conferences (trainings.own), not the units’ list of conferences', async () => {
    const staff = await signIn(ctx.app, 'staff-00004');
    const caps = (await staff.get('/api/auth/me')).json().user.capabilities as string[];
    expect(caps).toContain('trainings.own');
    expect(caps).not.toContain('trainings.read');
    const commune = await signIn(ctx.app, 'commune-00004');
    const unitCaps = (await commune.get('/api/auth/me')).json().user.capabilities as string[];
    expect(unitCaps).toContain('trainings.read');
    expect(unitCaps).not.toContain('trainings.own');
    // a unit's personal account (linked to the Chairman's staff record): both
    const leader = await signIn(ctx.app, '00004-lanhdao-1');
    const leaderCaps = (await leader.get('/api/auth/me')).json().user.capabilities as string[];
    expect(leaderCaps).toEqual(expect.arrayContaining(['trainings.read', 'trainings.own']));
  });

  it('tells each kind of account something different: the country, a province, a commune, a staff member', async () => {
    const caps = async (u: string) =>
      ((await (await signIn(ctx.app, u)).get('/api/auth/me')).json().user.capabilities as string[]).join(',');
    const kinds = await Promise.all(['ministry', 'province-01', 'commune-00004', 'staff-00004'].map(caps));
    expect(new Set(kinds).size).toBe(4);
  });
});
