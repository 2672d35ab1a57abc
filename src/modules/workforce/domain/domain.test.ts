import { describe, expect, it } from 'vitest';
import { ageBand, ageOn, checkRequirements } from './requirements.js';
import { makeNationalId, maskNationalId, nationalIdProblem } from './national-id.js';
import { COMMUNE_AGENCIES, LEADERSHIP_CODES } from './structure.js';

describe('job requirements', () => {
  const q = {
    educationLevel: 'college',
    educationField: 'law',
    politicalTheory: 'elementary',
    stateManagement: 'specialist',
    itCertificate: 'basic',
  };
  it('names every shortfall', () => {
    const r = checkRequirements(
      {
        minEducation: 'bachelor',
        educationFields: ['law', 'public_administration'],
        minPoliticalTheory: 'intermediate',
        itCertificate: true,
      },
      q,
    );
    expect(r).toEqual({ meets: false, shortfalls: ['education', 'political_theory'] });
  });
  it('accepts a higher level than asked', () => {
    expect(
      checkRequirements(
        { minEducation: 'college', minStateManagement: 'specialist' },
        { ...q, educationLevel: 'master' },
      ).meets,
    ).toBe(true);
    expect(checkRequirements({ educationFields: ['finance'] }, q).shortfalls).toEqual(['education_field']);
    expect(checkRequirements({ itCertificate: true }, { ...q, itCertificate: null }).shortfalls).toEqual([
      'it_certificate',
    ]);
  });
});

describe('age', () => {
  it('counts whole years, birthday included', () => {
    expect(ageOn('1980-06-15', '2026-06-14')).toBe(45);
    expect(ageOn('1980-06-15', '2026-06-15')).toBe(46);
    expect(ageBand(29)).toBe('under_30');
    expect(ageBand(60)).toBe('60_plus');
  });
});

describe('citizen ID number', () => {
  it('checks the province, century, sex and birth year it encodes', () => {
    expect(nationalIdProblem('001090012345', '1990-04-01', 'male')).toBeNull(); // 4th digit 0: a man born in the 20th century
    expect(nationalIdProblem('001090012345', '1990-04-01', 'female')).toBe('sex');
    expect(nationalIdProblem('001191012345', '1991-04-01', 'female')).toBeNull(); // 4th digit 1: a woman born in the 20th century
    expect(nationalIdProblem('001090012345', '1991-04-01', 'male')).toBe('birth');
    expect(nationalIdProblem('003090012345', '1990-04-01', 'male')).toBe('province');
    expect(nationalIdProblem('00109001234', '1990-04-01', 'male')).toBe('format');
    expect(nationalIdProblem('079202001234', '2002-01-01', 'male')).toBeNull(); // 4th digit 2: a man born in the 21st century
    expect(nationalIdProblem('079302001234', '2002-01-01', 'male')).toBe('sex');
  });
  it('builds consistent numbers and masks all but the last three digits', () => {
    const id = makeNationalId('079', '1985-02-03', 'female', 42);
    expect(nationalIdProblem(id, '1985-02-03', 'female')).toBeNull();
    expect(maskNationalId('001190012345')).toBe('•••••••••345');
  });
});

describe('the commune structure (Decree 150/2025, Resolution 332/NQ-CP)', () => {
  const economic = COMMUNE_AGENCIES.find((a) => a.kind === 'economic_dept')!;
  it('names the economic department of wards and of the Phú Quốc special zone as for wards', () => {
    expect(economic.name('phuong', 'Phường Ba Đình')).toBe('Phòng Kinh tế, Hạ tầng và Đô thị');
    expect(economic.name('dac_khu', 'Đặc khu Phú Quốc')).toBe('Phòng Kinh tế, Hạ tầng và Đô thị');
    expect(economic.name('dac_khu', 'Đặc khu Côn Đảo')).toBe('Phòng Kinh tế');
    expect(economic.name('xa', 'Xã Hồng Vân')).toBe('Phòng Kinh tế');
  });
  it('has two deputy heads for each department, the office and the service centre, tracked for vacancies', () => {
    for (const kind of ['office', 'economic_dept', 'culture_social_dept', 'service_center']) {
      const deputies = COMMUNE_AGENCIES.find((a) => a.kind === kind)!.posts.filter((p) => /^Phó /.test(p.title));
      expect(deputies.map((p) => [p.kind, p.seats])).toEqual([['leadership', 2]]);
      expect(LEADERSHIP_CODES).toContain(deputies[0]!.code);
    }
  });
});
