import { useEffect, useState } from 'react';
import { api, ApiError, withQuery, type UnitDetail } from './api';
import { maybe, type Translate } from './i18n';
import type { Procedure } from '../../src/modules/dossiers/contract';

// The dossier API's shapes come from the module's contract (types only: erased from the bundle), its lists of
// statuses, channels, ratings, forms and fields from its pure domain files.
export { STATUSES, CHANNELS, RATINGS } from '../../src/modules/dossiers/domain/lifecycle';
export type { Status, Channel, Action, Rating } from '../../src/modules/dossiers/domain/lifecycle';
export { FORMS } from '../../src/modules/dossiers/domain/forms';
export { FIELDS } from '../../src/modules/dossiers/domain/fields';
export { matchProcedures } from './procedureSearch';
export { INDEX_766_POINTS } from '../../src/modules/dossiers/domain/figures';
export type {
  ApologyWarning,
  ApologyWarnings,
  Board,
  BoardTrend,
  Congestion,
  Dossier,
  DossierDetail,
  DossierDocument,
  DossierEvent,
  DossierListItem,
  Figures,
  Procedure,
  PublicDossier,
  UnitLoad,
} from '../../src/modules/dossiers/contract';
export type { DossierAction } from '../../src/modules/dossiers/policy';

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
      (e: unknown) => {
        // Out of scope or unknown: the code is shown instead. A lost connection or a busy server is not remembered,
        // so the next page that needs the name asks again.
        if (!(e instanceof ApiError) || e.status === 0 || e.status === 429 || e.status >= 500)
          unitNameCache.delete(code);
        return null;
      },
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

/** Who works with dossiers: the units that receive and decide, and the ministry that oversees. */

export { DOSSIER_FIGURES } from '../../src/modules/dossiers/domain/figures';
export type { DossierFigure } from '../../src/modules/dossiers/domain/figures';
import type { DossierFigure } from '../../src/modules/dossiers/domain/figures';
import { withQuery as pageHref } from './router';

/**
 * Which dossiers each 766 group's figure drills down to (docs/dossier-figures.md): the ones that lower it. Progress:
 * not on time; digitization: input not digitized, then no electronic result; online: offered online but not submitted
 * online; satisfaction: with a complaint or a dissatisfied rating.
 */
export const GROUP_FIGURES = {
  transparency: [],
  progress: ['not_on_time'],
  digitization: ['not_digitized', 'no_e_result'],
  online: ['offered_online_not_online'],
  satisfaction: ['complained_or_dissatisfied'],
} as const satisfies Record<string, readonly DossierFigure[]>;

/** The dossier list behind a figure: a commune or a center by `unit`, a whole province by `province`, the country by neither. */
export const figureHref = (
  place: { unit?: string; province?: string },
  period: { from: string; to: string },
  figure: DossierFigure,
  field?: string,
) =>
  pageHref('/dossiers', {
    province: place.province,
    unit: place.unit,
    field,
    from: period.from,
    to: period.to,
    figure,
  });
