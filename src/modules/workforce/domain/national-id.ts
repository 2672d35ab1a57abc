/**
 * The 12-digit citizen identification number (Decree 137/2015, Circular 07/2016/TT-BCA):
 * 3 digits of the province of birth registration (001–096), 1 digit for century and sex
 * (0/1: 20th century male/female, 2/3: 21st, 4/5: 22nd…), 2 digits of the birth year, 6 random digits.
 */
const PROVINCE_PREFIXES = new Set([
  '001',
  '002',
  '004',
  '006',
  '008',
  '010',
  '011',
  '012',
  '014',
  '015',
  '017',
  '019',
  '020',
  '022',
  '024',
  '025',
  '026',
  '027',
  '030',
  '031',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '040',
  '042',
  '044',
  '045',
  '046',
  '048',
  '049',
  '051',
  '052',
  '054',
  '056',
  '058',
  '060',
  '062',
  '064',
  '066',
  '067',
  '068',
  '070',
  '072',
  '074',
  '075',
  '077',
  '079',
  '080',
  '082',
  '083',
  '084',
  '086',
  '087',
  '089',
  '091',
  '092',
  '093',
  '094',
  '095',
  '096',
]);

export type NationalIdProblem = 'format' | 'province' | 'birth' | 'sex';

/** Checks the number against the holder's birth date and sex; null when it is consistent. */
export function nationalIdProblem(id: string, birthDate: string, sex: 'male' | 'female'): NationalIdProblem | null {
  if (!/^\d{12}$/.test(id)) return 'format';
  if (!PROVINCE_PREFIXES.has(id.slice(0, 3))) return 'province';
  const code = Number(id[3]);
  const century = 1900 + Math.floor(code / 2) * 100;
  const year = century + Number(id.slice(4, 6));
  if (String(year) !== birthDate.slice(0, 4)) return 'birth';
  if ((code % 2 === 1) !== (sex === 'female')) return 'sex';
  return null;
}

/** Shown to those who do not manage the person: only the last three digits. */
export const maskNationalId = (id: string) => `${'•'.repeat(Math.max(0, id.length - 3))}${id.slice(-3)}`;

/** Builds a consistent number (demo data and tests). */
export function makeNationalId(
  provincePrefix: string,
  birthDate: string,
  sex: 'male' | 'female',
  serial: number,
): string {
  const year = Number(birthDate.slice(0, 4));
  const code = (Math.floor((year - 1900) / 100) * 2 + (sex === 'female' ? 1 : 0)).toString();
  return `${provincePrefix}${code}${birthDate.slice(2, 4)}${String(serial % 1_000_000).padStart(6, '0')}`;
}
