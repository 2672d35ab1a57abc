import { searchKey } from '../../../core/text.js';

/**
 * Which successor receives the archive of a former unit that went to several new units (a split commune).
 * The rule: the province designates one; the registry suggests the one that took the former seat or the
 * largest share. The lineage (Resolutions of the Standing Committee of the National Assembly on the 2025
 * rearrangement, as loaded in `data/reference/admin-units/lineage.csv`) tells how each part went, not the share in
 * figures, so the suggestion reads what it does say, in this order:
 *
 * 1. a single successor takes it (`only`);
 * 2. the successor that took all the population ("nhập một phần diện tích, toàn bộ dân số"): the residents, hence the
 *    seat, went there (`population`);
 * 3. the successor that kept the former unit's name: in the 2025 rearrangement a new unit named after a former one
 *    sits in its seat (`name`);
 * 4. the only successor that took area and population alike ("nhập một phần") while the others took area only
 *    (`general`);
 * 5. otherwise the first by code, marked `none`: the province must designate (the list shows it as "to designate").
 */
export type SuggestionBasis = 'only' | 'population' | 'name' | 'general' | 'none';

export interface SuccessorOption {
  code: string;
  name: string;
  relation: string;
  /** the province of the new unit (a split unit's parts may lie in two provinces) */
  provinceCode?: string;
}

const TYPE_PREFIX = /^(phuong|xa|thi tran|dac khu|thi xa|thanh pho|quan|huyen|tinh)\s+/;

/** A unit's name without its type ("Phường Ngọc Hà" → "ngoc ha"), for comparing a former and a new name. */
export const bareName = (name: string) => searchKey(name).replace(TYPE_PREFIX, '');

export function suggestSuccessor(
  formerName: string,
  options: readonly SuccessorOption[],
): { code: string; basis: SuggestionBasis } {
  if (options.length === 0) throw new Error('a former unit without successor');
  const sorted = [...options].sort((a, b) => a.code.localeCompare(b.code));
  if (sorted.length === 1) return { code: sorted[0]!.code, basis: 'only' };
  const single = (pick: (o: SuccessorOption) => boolean) => {
    const hits = sorted.filter(pick);
    return hits.length === 1 ? hits[0]! : undefined;
  };
  const byPopulation = single((o) => o.relation === 'partial_area_all_population');
  if (byPopulation) return { code: byPopulation.code, basis: 'population' };
  const key = bareName(formerName);
  const byName = single((o) => bareName(o.name) === key);
  if (byName) return { code: byName.code, basis: 'name' };
  const general = single((o) => o.relation === 'partial');
  if (general) return { code: general.code, basis: 'general' };
  return { code: sorted[0]!.code, basis: 'none' };
}
