/**
 * Receipt codes (mã hồ sơ), Circular 01/2018 Art. 19: `<unit code>-YYMMDD-NNNN`, a 4-digit sequence
 * per receiving unit and day, e.g. `H15.50.05.12-260917-0681`. Our unit code is the agency code
 * `<province>.<commune>` built from the statistics codes (the QCVN 102 agency codes are not in our data).
 */
export function agencyCode(provinceCode: string, unitCode: string): string {
  return unitCode === provinceCode ? `T${provinceCode}` : `T${provinceCode}.X${unitCode}`;
}

/** `day` is the Vietnam-local date of receipt, YYYY-MM-DD. */
export function formatReceiptCode(agency: string, day: string, sequence: number): string {
  if (sequence < 1 || sequence > 9999) throw new RangeError(`daily sequence out of range: ${sequence}`);
  return `${agency}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(sequence).padStart(4, '0')}`;
}

const PATTERN = /^(T\d{2}(?:\.X\d{5})?)-(\d{2})(\d{2})(\d{2})-(\d{4})$/;

export function parseReceiptCode(code: string): { agency: string; day: string; sequence: number } | null {
  const m = PATTERN.exec(code.trim().toUpperCase());
  if (!m) return null;
  return { agency: m[1]!, day: `20${m[2]}-${m[3]}-${m[4]}`, sequence: Number(m[5]) };
}
