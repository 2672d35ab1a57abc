import { useEffect, useMemo, useState } from 'react';
import { api, withQuery } from './api';
import { maybe, type Translate } from './i18n';
import type { UnitName } from '../../src/modules/units/contract';

/** The workforce registry as the API returns it: shapes from the contract, word lists from the pure domain files. */
export type {
  AgencyStaffing,
  Assignment,
  Person,
  PersonDetail,
  ProvinceFigures,
  Secondment,
  Vacancy,
  WorkforceSummary,
} from '../../src/modules/workforce/contract';
export type { AssignmentKind, Category } from '../../src/modules/workforce/domain/registry';
export { CATEGORIES, EDUCATION_FIELDS, SHORTFALLS } from '../../src/modules/workforce/domain/registry';
export {
  AGE_BANDS,
  EDUCATION,
  POLITICAL_THEORY,
  STATE_MANAGEMENT,
  ageOn,
} from '../../src/modules/workforce/domain/requirements';
export type { UnitName } from '../../src/modules/units/contract';

/** Every signed-in user but the system administrator (who manages accounts, not staff). */

export const categoryLabel = (t: Translate, c: string) => maybe(t, `wf.category.${c}`, c);
export const educationLabel = (t: Translate, e: string | null | undefined) =>
  e ? maybe(t, `wf.education.${e}`, e) : '';
export const fieldOfStudyLabel = (t: Translate, f: string | null | undefined) =>
  f ? maybe(t, `wf.field.${f}`, f) : '';
export const politicalLabel = (t: Translate, p: string) => maybe(t, `wf.political.${p}`, p);
export const stateManagementLabel = (t: Translate, s: string) => maybe(t, `wf.stateMgmt.${s}`, s);
export const kindLabel = (t: Translate, k: string) => maybe(t, `wf.kind.${k}`, k);
export const shortfallLabel = (t: Translate, s: string) => maybe(t, `wf.shortfall.${s}`, s);
export const ageBandLabel = (t: Translate, b: string) => maybe(t, `wf.age.${b}`, b);
export const sexLabel = (t: Translate, s: string) => maybe(t, `wf.sex.${s}`, s);

/** The Excel export of a unit (or of the whole scope when no unit is given). */
export const exportHref = (unit?: string | null) => withQuery('/api/workforce/export', { unit });
/** The summary views as one workbook, a sheet per view. */
export const summaryExportHref = (unit?: string | null) => withQuery('/api/workforce/summary.xlsx', { unit });

// Unit names of a province, fetched once per page load (codes → full names, for tables and pickers).
const nameCache = new Map<string, Promise<UnitName[]>>();
export function loadUnitNames(province: string): Promise<UnitName[]> {
  let p = nameCache.get(province);
  if (!p) {
    p = api.get<{ items: UnitName[] }>('/api/units/names', { province }).then((r) => r.items);
    p.catch(() => nameCache.delete(province));
    nameCache.set(province, p);
  }
  return p;
}

/** Names of the units of the given provinces; unknown codes stay as they are. */
export function useUnitNames(provinces: (string | null | undefined)[]): {
  nameOf(code: string | null | undefined): string;
  units: Map<string, UnitName[]>;
} {
  const key = [...new Set(provinces.filter((p): p is string => !!p))].sort().join(',');
  const [units, setUnits] = useState<Map<string, UnitName[]>>(new Map());
  useEffect(() => {
    let cancelled = false;
    for (const p of key ? key.split(',') : []) {
      loadUnitNames(p).then(
        (items) => {
          if (!cancelled) setUnits((m) => (m.has(p) ? m : new Map(m).set(p, items)));
        },
        () => undefined,
      );
    }
    return () => {
      cancelled = true;
    };
  }, [key]);
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const list of units.values()) for (const u of list) names.set(u.code, u.fullName);
    return { nameOf: (code) => (code ? (names.get(code) ?? code) : ''), units };
  }, [units]);
}
