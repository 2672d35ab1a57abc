import { suggestSuccessor, type SuccessorOption, type SuggestionBasis } from './successor.js';
import type { FormerLevel } from './handover.js';

/** One row of the units registry's lineage (former unit → new unit), as the units door gives it. */
export interface LineageRow {
  oldUnitCode: string | null;
  oldUnitName: string;
  oldLevel: string;
  oldParentCode: string | null;
  oldParentName: string | null;
  oldProvinceCode: string | null;
  oldProvinceName: string | null;
  newUnitCode: string;
  newUnitName: string;
  newProvinceCode: string;
  relation: string;
}

/** A hand-over to create: the former unit, who receives its archive and why. */
export interface HandoverSeed {
  formerLevel: FormerLevel;
  formerCode: string;
  formerName: string;
  /** the former district of a former commune, or the former province of a former district */
  formerParentName: string | null;
  formerProvinceCode: string;
  formerProvinceName: string;
  successorCode: string;
  successorName: string;
  successorLevel: 'commune' | 'province';
  /** the province the archive now belongs to (the successor's): the hand-over's place */
  provinceCode: string;
  basis: SuggestionBasis;
  options: SuccessorOption[];
}

/**
 * One hand-over per former unit, from the lineage:
 * - every former commune (10,035), to the new commune the suggestion names (`suggestSuccessor`);
 * - every former district (districts were abolished on 1/7/2025): to its province, whose historical archive takes the
 *   district bodies' records (a ruling of this platform, docs/archives.md: the legal brief names no article); an island
 *   district that became a special zone goes to that special zone;
 * - every former province merged into a new one (52 of 63; the 11 unchanged keep their archive where it is).
 * The coastal area without a code that Kim Sơn district managed is no unit and had no archive of its own.
 */
export function handoverSeeds(lineage: readonly LineageRow[]): HandoverSeed[] {
  const provinceNames = new Map<string, string>();
  for (const r of lineage) if (r.oldLevel === 'province') provinceNames.set(r.newUnitCode, r.newUnitName);
  const nameOfProvince = (code: string) => provinceNames.get(code) ?? code;

  const seeds: HandoverSeed[] = [];
  const communes = new Map<string, LineageRow[]>();
  const districts = new Map<string, { row: LineageRow; provinces: Map<string, number> }>();
  const specialZones = new Map<string, LineageRow>();
  for (const r of lineage) {
    if (r.oldLevel === 'commune' && r.oldUnitCode) {
      const list = communes.get(r.oldUnitCode) ?? [];
      list.push(r);
      communes.set(r.oldUnitCode, list);
      if (r.oldParentCode) {
        const d = districts.get(r.oldParentCode) ?? { row: r, provinces: new Map<string, number>() };
        d.provinces.set(r.newProvinceCode, (d.provinces.get(r.newProvinceCode) ?? 0) + 1);
        districts.set(r.oldParentCode, d);
      }
    } else if (r.oldLevel === 'district' && r.oldUnitCode) specialZones.set(r.oldUnitCode, r);
  }

  for (const [code, rows] of communes) {
    const first = rows[0]!;
    const options = rows.map((r) => ({
      code: r.newUnitCode,
      name: r.newUnitName,
      relation: r.relation,
      provinceCode: r.newProvinceCode,
    }));
    const pick = suggestSuccessor(first.oldUnitName, options);
    const chosen = rows.find((r) => r.newUnitCode === pick.code)!;
    seeds.push({
      formerLevel: 'commune',
      formerCode: code,
      formerName: first.oldUnitName,
      formerParentName: first.oldParentName,
      formerProvinceCode: first.oldProvinceCode ?? chosen.newProvinceCode,
      formerProvinceName: first.oldProvinceName ?? '',
      successorCode: chosen.newUnitCode,
      successorName: chosen.newUnitName,
      successorLevel: 'commune',
      provinceCode: chosen.newProvinceCode,
      basis: pick.basis,
      options,
    });
  }

  const districtCodes = new Set([...districts.keys(), ...specialZones.keys()]);
  for (const code of districtCodes) {
    const zone = specialZones.get(code);
    if (zone) {
      seeds.push({
        formerLevel: 'district',
        formerCode: code,
        formerName: zone.oldUnitName,
        formerParentName: zone.oldProvinceName,
        formerProvinceCode: zone.oldProvinceCode ?? zone.newProvinceCode,
        formerProvinceName: zone.oldProvinceName ?? '',
        successorCode: zone.newUnitCode,
        successorName: zone.newUnitName,
        successorLevel: 'commune',
        provinceCode: zone.newProvinceCode,
        basis: 'only',
        options: [
          {
            code: zone.newUnitCode,
            name: zone.newUnitName,
            relation: zone.relation,
            provinceCode: zone.newProvinceCode,
          },
        ],
      });
      continue;
    }
    const d = districts.get(code)!;
    // The province that received most of the district's communes (in the 2025 rearrangement, all of them).
    const provinces = [...d.provinces.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const options = provinces.map(([p]) => ({
      code: p,
      name: nameOfProvince(p),
      relation: 'province_archive',
      provinceCode: p,
    }));
    seeds.push({
      formerLevel: 'district',
      formerCode: code,
      formerName: d.row.oldParentName ?? code,
      formerParentName: d.row.oldProvinceName,
      formerProvinceCode: d.row.oldProvinceCode ?? provinces[0]![0],
      formerProvinceName: d.row.oldProvinceName ?? '',
      successorCode: provinces[0]![0],
      successorName: nameOfProvince(provinces[0]![0]),
      successorLevel: 'province',
      provinceCode: provinces[0]![0],
      basis: provinces.length === 1 ? 'only' : 'general',
      options,
    });
  }

  for (const r of lineage) {
    if (r.oldLevel !== 'province' || !r.oldUnitCode || r.relation === 'unchanged') continue;
    seeds.push({
      formerLevel: 'province',
      formerCode: r.oldUnitCode,
      formerName: r.oldUnitName,
      formerParentName: null,
      formerProvinceCode: r.oldUnitCode,
      formerProvinceName: r.oldUnitName,
      successorCode: r.newUnitCode,
      successorName: r.newUnitName,
      successorLevel: 'province',
      provinceCode: r.newUnitCode,
      basis: 'only',
      options: [{ code: r.newUnitCode, name: r.newUnitName, relation: r.relation, provinceCode: r.newUnitCode }],
    });
  }
  return seeds;
}

/** The place of a hand-over: its province, and the unit that receives (a commune, or the province itself). */
export const handoverPlace = (s: { provinceCode: string; successorCode: string }) => ({
  provinceCode: s.provinceCode,
  unitCode: s.successorCode,
});
