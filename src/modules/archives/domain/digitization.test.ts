import { describe, expect, it } from 'vitest';
import {
  allowedBatchActions,
  descriptionProblems,
  nextBatchStage,
  stagesReached,
  type Description,
} from './digitization.js';

const counts = { scans: 2, describedScans: 2, descriptions: 5 };

describe('the stages of a batch', () => {
  it('goes scanned, checked, described, published', () => {
    expect(nextBatchStage('scanning', 'finish_scanning', counts)).toBe('scanned');
    expect(nextBatchStage('scanned', 'check', counts)).toBe('checked');
    expect(nextBatchStage('checked', 'describe', counts)).toBe('described');
    expect(nextBatchStage('described', 'publish', counts)).toBe('published');
  });
  it('does not end scanning without a scan, nor skip a stage', () => {
    expect(nextBatchStage('scanning', 'finish_scanning', { ...counts, scans: 0 })).toBe('no_scans');
    expect(nextBatchStage('scanned', 'publish', counts)).toBe('illegal');
  });
  it('is described only when every scan has its description', () => {
    expect(nextBatchStage('checked', 'describe', { ...counts, describedScans: 1 })).toBe('not_described');
    expect(nextBatchStage('checked', 'describe', { ...counts, descriptions: 0, describedScans: 0, scans: 0 })).toBe(
      'not_described',
    );
  });
  it('offers one step at a time and counts a published batch in every stage', () => {
    expect(allowedBatchActions('checked')).toEqual(['describe']);
    expect(allowedBatchActions('published')).toEqual([]);
    expect(stagesReached('published')).toEqual(['scanned', 'checked', 'described', 'published']);
    expect(stagesReached('scanning')).toEqual([]);
  });
});

describe('the description of a digitized document', () => {
  const d: Description = {
    fonds: 'UBND xã Phúc Xá',
    fileCode: 'PX.01.2015.12',
    docNumber: '45',
    docSymbol: 'QĐ-UBND',
    docDate: '2015-03-12',
    issuingBody: 'UBND phường Phúc Xá',
    summary: 'Quyết định về việc giao đất',
    pageCount: 3,
    retention: 'permanent',
    access: 'open',
  };
  it('accepts the metadata of the input standard; number and symbol may be empty', () => {
    expect(descriptionProblems(d, '2026-03-02')).toEqual([]);
    expect(descriptionProblems({ ...d, docNumber: '', docSymbol: '' }, '2026-03-02')).toEqual([]);
  });
  it('names every field at fault', () => {
    expect(
      descriptionProblems(
        { ...d, summary: ' ', docDate: '2026-13-01', pageCount: 0, retention: 'forever', access: 'secret' },
        '2026-03-02',
      ).map((p) => p.field),
    ).toEqual(['summary', 'docDate', 'pageCount', 'retention', 'access']);
  });
  it('refuses a date in the future', () =>
    expect(descriptionProblems({ ...d, docDate: '2026-03-03' }, '2026-03-02').map((p) => p.field)).toEqual([
      'docDate',
    ]));
});
