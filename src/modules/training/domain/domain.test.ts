import { describe, expect, it } from 'vitest';
import {
  MINISTRY_BRIDGE,
  applyCheckIn,
  checkInWindowProblem,
  countByState,
  layOutBridges,
  type BridgeStatus,
  type RegistryUnit,
} from './bridges.js';
import { attendanceVerdict, presentMinutes, requiredMinutes } from './attendance.js';
import { csvCells, parseReportTime, readReport } from './import.js';

const unit = (code: string, level: 'province' | 'commune', provinceCode: string): RegistryUnit => ({
  code,
  level,
  provinceCode,
  name: `Unit ${code}`,
  fullName: `Full ${code}`,
  address: `Hall ${code}`,
  phone: '024 000',
  chairName: `Chair ${code}`,
});
const REGISTRY = [
  unit('79', 'province', '79'),
  unit('01', 'province', '01'),
  unit('00008', 'commune', '01'),
  unit('00004', 'commune', '01'),
  unit('26734', 'commune', '79'),
];

describe('bridge layout', () => {
  it('a national event: the Ministry, then every province, then every commune, by code', () => {
    const b = layOutBridges(null, REGISTRY);
    expect(b.map((x) => x.unitCode)).toEqual([MINISTRY_BRIDGE, '01', '79', '00004', '00008', '26734']);
    expect(b[0]).toMatchObject({ kind: 'host', provinceCode: null });
    expect(b[3]).toMatchObject({ kind: 'commune', provinceCode: '01', hall: 'Hall 00004', officer: 'Chair 00004' });
  });

  it("a province's own event: its main bridge and its communes only", () => {
    const b = layOutBridges('01', REGISTRY);
    expect(b.map((x) => [x.unitCode, x.kind])).toEqual([
      ['01', 'host'],
      ['00004', 'commune'],
      ['00008', 'commune'],
    ]);
  });

  it('an unknown province lays out nothing', () => {
    expect(layOutBridges('99', REGISTRY)).toEqual([]);
  });
});

describe('check-ins', () => {
  const silent: BridgeStatus = { state: 'silent', lastAt: null, connectedAt: null, reconnects: 0, testResult: null };
  const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00+07:00`);

  it('a passed test makes the bridge tested; a failed one puts it in trouble', () => {
    expect(applyCheckIn(silent, { state: 'tested', at: at('07:00') })).toMatchObject({
      state: 'tested',
      testResult: 'passed',
    });
    expect(applyCheckIn(silent, { state: 'tested', passed: false, at: at('07:00') })).toMatchObject({
      state: 'trouble',
      testResult: 'failed',
    });
  });

  it('a test during the session does not take a connected bridge off the map', () => {
    const on = applyCheckIn(silent, { state: 'connected', at: at('08:00') });
    expect(applyCheckIn(on, { state: 'tested', passed: false, at: at('08:10') }).state).toBe('connected');
  });

  it('connecting again after trouble counts a reconnection, the first connection time stays', () => {
    let s = applyCheckIn(silent, { state: 'connected', at: at('08:00') });
    s = applyCheckIn(s, { state: 'trouble', at: at('08:30') });
    s = applyCheckIn(s, { state: 'connected', at: at('08:35') });
    expect(s).toMatchObject({ state: 'connected', reconnects: 1, connectedAt: at('08:00') });
    // pressed twice: still one reconnection
    expect(applyCheckIn(s, { state: 'connected', at: at('08:36') }).reconnects).toBe(1);
  });

  it('a late report from a phone that was offline does not overwrite a newer one', () => {
    const left = applyCheckIn(applyCheckIn(silent, { state: 'connected', at: at('08:00') }), {
      state: 'left',
      at: at('11:00'),
    });
    expect(applyCheckIn(left, { state: 'trouble', at: at('09:00') }).state).toBe('left');
  });

  it('counts every state, zero when none', () => {
    expect(countByState(['silent', 'connected', 'connected'])).toEqual({
      silent: 1,
      tested: 0,
      connected: 2,
      trouble: 0,
      left: 0,
    });
  });

  it('opens connections 3 hours before the start and closes them an hour after the end; tests any time before', () => {
    const ev = { startsAt: at('08:00'), endsAt: at('11:30') };
    const opts = { opensMinutes: 180, closesMinutes: 60 };
    expect(checkInWindowProblem('connected', at('05:00'), ev, opts)).toBeNull();
    expect(checkInWindowProblem('connected', at('04:59'), ev, opts)).toBe('too_early');
    expect(checkInWindowProblem('tested', new Date('2026-02-20T09:00:00+07:00'), ev, opts)).toBeNull();
    expect(checkInWindowProblem('left', at('12:30'), ev, opts)).toBeNull();
    expect(checkInWindowProblem('left', at('12:31'), ev, opts)).toBe('too_late');
  });
});

describe('attendance rule', () => {
  const s = { startsAt: new Date('2026-03-02T08:00:00+07:00'), endsAt: new Date('2026-03-02T12:00:00+07:00') };
  const t = (hhmm: string) => new Date(`2026-03-02T${hhmm}+07:00`);

  it('80 % of a 240-minute session is 192 minutes: exactly 192 attended, 191 min 59 s did not', () => {
    expect(requiredMinutes(s, 80)).toBe(192);
    expect(attendanceVerdict([{ joinedAt: t('08:00:00'), leftAt: t('11:12:00') }], s, 80)).toMatchObject({
      minutes: 192,
      attended: true,
    });
    expect(attendanceVerdict([{ joinedAt: t('08:00:01'), leftAt: t('11:12:00') }], s, 80)).toMatchObject({
      minutes: 191,
      attended: false,
    });
  });

  it('the share rounds the minutes needed up', () => {
    const s235 = { startsAt: s.startsAt, endsAt: new Date(s.startsAt.getTime() + 235 * 60_000) };
    expect(requiredMinutes(s235, 80)).toBe(188);
  });

  it('overlapping joins are counted once, time outside the session not at all, no leave = until the end', () => {
    expect(
      presentMinutes(
        [
          { joinedAt: t('07:30:00'), leftAt: t('09:00:00') },
          { joinedAt: t('08:30:00'), leftAt: t('09:30:00') },
          { joinedAt: t('11:00:00'), leftAt: null },
        ],
        s,
      ),
    ).toBe(90 + 60);
  });

  it('a setting of 100 % needs the whole session', () => {
    expect(attendanceVerdict([{ joinedAt: t('08:01:00'), leftAt: null }], s, 100).attended).toBe(false);
  });
});

describe("the conference tool's report", () => {
  const registered = (id: string) => id.startsWith('p-');

  it('reads Vietnamese headers, times as HH:MM on the day, and reports every wrong row with its column', () => {
    const cells = csvCells(
      [
        'Mã cán bộ;Giờ vào;Giờ ra',
        'p-1;08:00;11:30',
        'p-2;08:10;',
        'x-9;08:00;09:00',
        'p-3;8h;09:00',
        'p-4;10:00;09:00',
        ';08:00;09:00',
      ].join('\n'),
    );
    const { rows, errors } = readReport(cells, '2026-03-02', registered);
    expect(rows.map((r) => [r.row, r.personId])).toEqual([
      [2, 'p-1'],
      [3, 'p-2'],
    ]);
    expect(rows[0]!.joinedAt.toISOString()).toBe('2026-03-02T01:00:00.000Z');
    expect(rows[1]!.leftAt).toBeNull();
    expect(errors).toEqual([
      { row: 4, column: 'person_id', problem: 'unknown_person', value: 'x-9' },
      { row: 5, column: 'join_time', problem: 'bad_time', value: '8h' },
      { row: 6, column: 'leave_time', problem: 'leave_before_join', value: '09:00' },
      { row: 7, column: 'person_id', problem: 'missing', value: '' },
    ]);
  });

  it('names a missing column in the header row', () => {
    const { errors } = readReport([['person_id', 'join_time']], '2026-03-02', registered);
    expect(errors).toEqual([{ row: 1, column: 'gio ra', problem: 'missing', value: '' }]);
  });

  it('reads ISO times and Vietnamese day/month/year', () => {
    expect(parseReportTime('02/03/2026 08:15', 'x')!.toISOString()).toBe('2026-03-02T01:15:00.000Z');
    expect(parseReportTime('2026-03-02T08:15:00Z', 'x')!.toISOString()).toBe('2026-03-02T08:15:00.000Z');
    expect(parseReportTime('soon', 'x')).toBeNull();
  });

  it('keeps quoted cells with separators', () => {
    expect(csvCells('a,b\n"p-1, x",08:00')[1]).toEqual(['p-1, x', '08:00']);
  });
});
