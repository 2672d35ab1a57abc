import { useEffect, useState } from 'react';
import { api, withQuery, type UnitDetail } from './api';
import { maybe, type Translate } from './i18n';

/** The dossier API's shapes (src/modules/dossiers: routes.ts, service.ts present(), board.ts). */
export const STATUSES = [
  'registered',
  'received',
  'not_accepted',
  'in_processing',
  'supplement_requested',
  'financial_obligation',
  'withdrawal_requested',
  'stopped',
  'processed',
  'returned',
] as const;
export type Status = (typeof STATUSES)[number];

export const CHANNELS = ['in_person', 'online', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];

export type Action =
  | 'accept'
  | 'refuse'
  | 'start_processing'
  | 'request_supplement'
  | 'supplement_received'
  | 'request_payment'
  | 'payment_received'
  | 'request_withdrawal'
  | 'stop'
  | 'transfer'
  | 'complete'
  | 'return_result';

export const RATINGS = ['very_satisfied', 'satisfied', 'not_satisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/** Forms 01–05: receipt slip, supplement request, refusal, apology, control slip. */
export const FORMS = ['01', '02', '03', '04', '05'] as const;

export interface Procedure {
  code: string;
  provinceCode: string;
  name: string;
  field: string;
  decisionLevel: 'commune' | 'province';
  workingDays: number;
  feeVnd: number;
  online: boolean;
  boundaryFree: boolean;
  documents: string[];
  legalBasis: string | null;
}

export interface Dossier {
  id: string;
  receiptCode: string;
  provinceCode: string;
  procedureCode: string;
  procedureField: string;
  receivingUnitCode: string;
  handlingUnitCode: string;
  channel: Channel;
  status: Status;
  statusCode: number;
  allowedActions: Action[];
  applicantName: string;
  applicantIdNumber: string | null;
  applicantPhone: string | null;
  applicantAddress: string | null;
  receivedAt: string;
  workingDays: number;
  clockStartOn: string | null;
  dueDate: string | null;
  originalDueDate: string | null;
  apologyIssuedAt: string | null;
  apologyReason: string | null;
  supplementCount: number;
  finishedAt: string | null;
  returnedAt: string | null;
  overdue: boolean;
  hasInputScan: boolean;
  hasEResult: boolean;
  rating: Rating | null;
  version: number;
}

/** A line of the dossier list (GET /api/dossiers): the dossier's page has the rest. */
export type DossierListItem = Pick<
  Dossier,
  | 'id'
  | 'receiptCode'
  | 'provinceCode'
  | 'procedureCode'
  | 'procedureField'
  | 'receivingUnitCode'
  | 'handlingUnitCode'
  | 'channel'
  | 'status'
  | 'statusCode'
  | 'applicantName'
  | 'receivedAt'
  | 'dueDate'
  | 'originalDueDate'
  | 'finishedAt'
  | 'overdue'
  | 'hasInputScan'
  | 'hasEResult'
  | 'rating'
  | 'version'
>;

export interface DossierEvent {
  at: string;
  actorUsername: string;
  action: string;
  fromStatus: Status | null;
  toStatus: Status;
  unitCode: string;
  toUnitCode: string | null;
  note: string | null;
  minutesUntilNext: number;
}

export interface DossierDocument {
  id: string;
  kind: 'input' | 'result';
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

export interface DossierDetail extends Dossier {
  events: DossierEvent[];
  documents: DossierDocument[];
}

export interface ApologyWarning extends Dossier {
  latestApologyDay: string;
}

export interface PublicDossier {
  receiptCode: string;
  procedureName: string;
  status: Status;
  statusCode: number;
  receivedOn: string;
  dueDate: string | null;
  rescheduled: boolean;
  finishedOn: string | null;
  overdue: boolean;
  canRate: boolean;
  rating: Rating | null;
}

export interface Figures {
  received: number;
  receivedOnline: number;
  receivedDigitized: number;
  finished: number;
  finishedOnTime: number;
  finishedWithEResult: number;
  ratings: number;
  ratingsSatisfied: number;
  waitMinutesTotal: number;
  onTimeRate: number | null;
  onlineRate: number | null;
  digitizationRate: number | null;
  eResultRate: number | null;
  satisfactionRate: number | null;
  avgWaitMinutes: number | null;
}

export interface Board {
  scope:
    | { kind: 'country' }
    | { kind: 'province'; provinceCode: string }
    | { kind: 'commune'; provinceCode: string; communeCode: string };
  period: { from: string; to: string };
  today: string;
  totals: Figures & { inProgress: number; overdue: number; dueToday: number; queue: number };
  byField: (Figures & { field: string })[];
  /** live backlog per unit (per province for the country) comes with each row */
  byUnit: (Figures & { unitCode: string; inProgress: number; overdue: number; dueToday: number; queue: number })[];
}

export interface UnitLoad {
  unitCode: string;
  open: number;
  overdueOpen: number;
  receivedLast7: number;
  finishedLast7: number;
  growth: number;
  overdueShare: number;
  congested: boolean;
}

export interface Congestion {
  provinceCode: string;
  today: string;
  congested: (UnitLoad & { receiveInstead: string[] })[];
  units: UnitLoad[];
}

export const statusLabel = (t: Translate, s: string) => maybe(t, `dossier.status.${s}`, s);
export const actionLabel = (t: Translate, a: string) => maybe(t, `dossier.action.${a}`, a);
export const fieldLabel = (t: Translate, f: string) => maybe(t, `field.${f}`, f);
export const channelLabel = (t: Translate, c: string) => maybe(t, `dossier.channel.${c}`, c);

/** The PDF of a form (opened in a new tab). */
export const formHref = (id: string, form: string) =>
  withQuery(`/api/dossiers/${encodeURIComponent(id)}/forms/${form}`);

/** "1 giờ 5 phút", "2 ngày 3 giờ": a held time, coarse enough to read. */
export function formatMinutes(t: Translate, minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return t('time.minutes', { m });
  const h = Math.floor(m / 60);
  if (h < 24) return t('time.hours', { h, m: m % 60 });
  return t('time.days', { d: Math.floor(h / 24), h: h % 24 });
}

export function formatBytes(n: number): string {
  const f = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
  if (n < 1024) return `${f.format(n)} B`;
  if (n < 1024 * 1024) return `${f.format(n / 1024)} KB`;
  return `${f.format(n / 1024 / 1024)} MB`;
}

// ---------- caches shared by the pages (small, per page load) ----------

const procedureCache = new Map<string, Promise<Procedure[]>>();

/** The procedures in force for a province (the server defaults to the user's own province). */
export function loadProcedures(province: string | null): Promise<Procedure[]> {
  const key = province ?? '';
  let p = procedureCache.get(key);
  if (!p) {
    p = api.get<{ items: Procedure[] }>('/api/procedures', { province: province ?? undefined }).then((r) => r.items);
    p.catch(() => procedureCache.delete(key));
    procedureCache.set(key, p);
  }
  return p;
}

/** Procedure code → procedure, for the provinces asked (null = the user's own). */
export function useProcedureMap(provinces: (string | null)[]): Map<string, Procedure> {
  const [map, setMap] = useState<Map<string, Procedure>>(new Map());
  const key = [...new Set(provinces)].sort().join(',');
  useEffect(() => {
    let cancelled = false;
    const list = key === '' && provinces.length === 0 ? [] : [...new Set(provinces)];
    Promise.all(list.map((p) => loadProcedures(p).catch(() => [] as Procedure[]))).then((all) => {
      if (cancelled) return;
      const m = new Map<string, Procedure>();
      for (const items of all) for (const p of items) if (!m.has(p.code)) m.set(p.code, p);
      setMap(m);
    });
    return () => {
      cancelled = true;
    };
  }, [key]);
  return map;
}

const unitNameCache = new Map<string, Promise<string | null>>();

function loadUnitName(code: string): Promise<string | null> {
  let p = unitNameCache.get(code);
  if (!p) {
    p = api.get<UnitDetail>(`/api/units/${encodeURIComponent(code)}`).then(
      (u) => u.fullName,
      () => null, // out of scope or unknown: the code is shown instead
    );
    unitNameCache.set(code, p);
  }
  return p;
}

/** Seeds the name cache from a list the page already loaded. */
export function rememberUnitNames(units: { code: string; fullName: string }[]) {
  for (const u of units) if (!unitNameCache.has(u.code)) unitNameCache.set(u.code, Promise.resolve(u.fullName));
}

/** Unit code → full name for the codes given; unknown ones stay absent (show the code). */
export function useUnitNames(codes: string[]): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const key = [...new Set(codes)].sort().join(',');
  useEffect(() => {
    let cancelled = false;
    const list = key ? key.split(',') : [];
    Promise.all(list.map(async (c) => [c, await loadUnitName(c)] as const)).then((pairs) => {
      if (cancelled) return;
      setNames(new Map(pairs.filter((p): p is readonly [string, string] => p[1] !== null)));
    });
    return () => {
      cancelled = true;
    };
  }, [key]);
  return names;
}

/** A file as base64 (no data: prefix). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const s = String(r.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

/** The procedure fields of the national catalogue (data/reference/procedures/catalogue.json). */
export const FIELDS = [
  'ho_tich',
  'chung_thuc',
  'cu_tru',
  'bao_tro_xa_hoi',
  'dat_dai',
  'thi_dua_khen_thuong',
  'tin_nguong_ton_giao',
  'nguoi_co_cong',
] as const;

/** Who works with dossiers: the units that receive and decide, and the ministry that oversees. */
export const canSeeDossiers = (role: string) => role === 'commune' || role === 'province' || role === 'ministry';
export const canReceive = (role: string) => role === 'commune' || role === 'province';
