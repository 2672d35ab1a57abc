// "Which new unit is my old one?": the former communes, districts and provinces (before 1 July 2025) by name,
// each leading to its successor(s). Pure: built from the lineage rows, matched by search key.
import { searchKey } from '../../../core/text.js';

export interface LineageRow {
  newUnitCode: string;
  newProvinceCode: string;
  oldUnitCode: string | null;
  oldUnitName: string;
  oldLevel: string;
  oldParentCode: string | null;
  oldParentName: string | null;
  oldProvinceCode: string | null;
  oldProvinceName: string | null;
  relation: string;
}

/** A former unit as the search shows it beside its successor. */
export interface FormerName {
  name: string;
  level: 'province' | 'district' | 'commune';
  /** The former district (for a commune) and province (for a commune or a district), as named then. */
  districtName: string | null;
  provinceName: string | null;
  /** whole: the successor took all of it; part: it was split and this successor took a part. */
  relation: 'whole' | 'part';
}

interface Entry {
  key: string;
  former: FormerName;
  successors: Set<string>;
}

export interface FormerIndex {
  entries: Entry[];
}

/** Shorter searches match too much to mean a former name ("an", "ba"): the current names still match them. */
export const MIN_FORMER_KEY = 3;

export function buildFormerIndex(rows: readonly LineageRow[]): FormerIndex {
  const byUnit = new Map<string, Entry>();
  const add = (id: string, former: Omit<FormerName, 'relation'>, successor: string) => {
    let e = byUnit.get(id);
    if (!e)
      byUnit.set(
        id,
        (e = { key: searchKey(former.name), former: { ...former, relation: 'whole' }, successors: new Set() }),
      );
    e.successors.add(successor);
  };
  for (const r of rows) {
    if (r.oldLevel === 'province') {
      add(
        `p:${r.oldUnitCode ?? r.oldUnitName}`,
        { name: r.oldUnitName, level: 'province', districtName: null, provinceName: null },
        r.newUnitCode,
      );
    } else if (r.oldLevel === 'district') {
      // An island district made a special zone whole (Bạch Long Vĩ, Côn Đảo…).
      add(
        `d:${r.oldProvinceCode}/${r.oldUnitCode ?? r.oldUnitName}`,
        { name: r.oldUnitName, level: 'district', districtName: null, provinceName: r.oldProvinceName },
        r.newUnitCode,
      );
    } else {
      // A former commune (or another area a district managed), and its former district.
      add(
        `c:${r.oldUnitCode ?? `${r.oldProvinceCode}/${r.oldUnitName}`}`,
        { name: r.oldUnitName, level: 'commune', districtName: r.oldParentName, provinceName: r.oldProvinceName },
        r.newUnitCode,
      );
      if (r.oldParentName) {
        add(
          `d:${r.oldProvinceCode}/${r.oldParentCode ?? r.oldParentName}`,
          { name: r.oldParentName, level: 'district', districtName: null, provinceName: r.oldProvinceName },
          r.newUnitCode,
        );
      }
    }
  }
  // Split among several successors: each took a part.
  for (const e of byUnit.values()) if (e.successors.size > 1) e.former.relation = 'part';
  return { entries: [...byUnit.values()] };
}

/**
 * The former units whose name contains the search key, and for each successor code the former names that
 * lead to it (a commune first, then a district, then a province). Empty for keys shorter than MIN_FORMER_KEY.
 */
export function matchFormer(index: FormerIndex, key: string): Map<string, FormerName[]> {
  const out = new Map<string, FormerName[]>();
  if (key.length < MIN_FORMER_KEY) return out;
  const pattern = new RegExp(`(^| )${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  for (const e of index.entries) {
    if (!pattern.test(e.key)) continue;
    for (const code of e.successors) {
      const list = out.get(code) ?? [];
      list.push(e.former);
      out.set(code, list);
    }
  }
  const rank = { commune: 0, district: 1, province: 2 } as const;
  for (const list of out.values()) list.sort((a, b) => rank[a.level] - rank[b.level] || a.name.localeCompare(b.name));
  return out;
}
