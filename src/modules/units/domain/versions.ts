/** The registry's first day: the two-level government took effect on 1 July 2025. */
export const REGISTRY_START = '2025-07-01';

export interface BaseUnit {
  code: string;
  provinceCode: string;
  type: string;
  fullName: string;
}

export interface Amendment {
  code: string;
  effectiveDate: string | null;
  typeAfter: string;
  fullNameAfter: string;
  legalBasis: string;
}

export interface UnitVersion {
  code: string;
  provinceCode: string;
  validFrom: string;
  validTo: string | null;
  type: string;
  fullName: string;
  legalBasis: string | null;
}

/**
 * Builds the dated history of each unit from its 1 July 2025 state and the dated amendments.
 * Amendments without an effective date are not applied (they are returned as `pending`).
 */
export function buildVersions(
  base: BaseUnit[],
  amendments: Amendment[],
): { versions: UnitVersion[]; pending: Amendment[] } {
  const byCode = new Map<string, Amendment[]>();
  const pending: Amendment[] = [];
  for (const a of amendments) {
    if (!a.effectiveDate) {
      pending.push(a);
      continue;
    }
    const list = byCode.get(a.code) ?? [];
    list.push(a);
    byCode.set(a.code, list);
  }
  const versions: UnitVersion[] = [];
  for (const u of base) {
    const changes = (byCode.get(u.code) ?? []).sort((x, y) => x.effectiveDate!.localeCompare(y.effectiveDate!));
    let current: UnitVersion = {
      code: u.code,
      provinceCode: u.provinceCode,
      validFrom: REGISTRY_START,
      validTo: null,
      type: u.type,
      fullName: u.fullName,
      legalBasis: null,
    };
    for (const c of changes) {
      current.validTo = c.effectiveDate;
      versions.push(current);
      current = {
        code: u.code,
        provinceCode: u.provinceCode,
        validFrom: c.effectiveDate!,
        validTo: null,
        type: c.typeAfter,
        fullName: c.fullNameAfter,
        legalBasis: c.legalBasis,
      };
    }
    versions.push(current);
  }
  return { versions, pending };
}
