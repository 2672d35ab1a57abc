import { describe, expect, it } from 'vitest';
import {
  allowedHandoverActions,
  extentProblems,
  nextHandoverState,
  receiptProblems,
  recordProblems,
  type Extent,
} from './handover.js';

const extent: Extent = {
  shelfMetres: 12.5,
  boxes: 80,
  files: 640,
  yearFrom: 1976,
  yearTo: 2025,
  permanentFiles: 240,
  fixedTermFiles: 400,
};

describe('the states of a hand-over', () => {
  it('goes inventoried, handed over, received', () => {
    expect(nextHandoverState('not_started', 'inventory')).toBe('inventoried');
    expect(nextHandoverState('inventoried', 'hand_over')).toBe('handed_over');
    expect(nextHandoverState('handed_over', 'receive')).toBe('received');
  });

  it('is received with shortfalls when some are listed, then received when they are made up', () => {
    const to = nextHandoverState('handed_over', 'receive', [{ description: 'Thiếu 3 hồ sơ địa chính', files: 3 }]);
    expect(to).toBe('received_with_shortfalls');
    expect(nextHandoverState(to!, 'resolve_shortfalls')).toBe('received');
  });

  it('cannot be handed over before the inventory, nor received before it is handed over', () => {
    expect(nextHandoverState('not_started', 'hand_over')).toBeNull();
    expect(nextHandoverState('inventoried', 'receive')).toBeNull();
    expect(nextHandoverState('received', 'inventory')).toBeNull();
  });

  it('lets the inventory be corrected until the archive is handed over', () => {
    expect(allowedHandoverActions('inventoried')).toEqual(['inventory', 'hand_over']);
    expect(allowedHandoverActions('handed_over')).toEqual(['receive']);
    expect(allowedHandoverActions('received')).toEqual([]);
  });
});

describe('the inventory', () => {
  it('accepts a consistent extent', () => expect(extentProblems(extent, 2026)).toEqual([]));

  it('needs the permanent and fixed-term files to make up the files', () => {
    expect(extentProblems({ ...extent, fixedTermFiles: 399 }, 2026).map((p) => p.field)).toEqual([
      'extent.fixedTermFiles',
    ]);
  });

  it('refuses years before 1945, after this year, or reversed', () => {
    expect(extentProblems({ ...extent, yearFrom: 1930 }, 2026).map((p) => p.field)).toEqual(['extent.yearFrom']);
    expect(extentProblems({ ...extent, yearTo: 2027 }, 2026).map((p) => p.field)).toEqual(['extent.yearTo']);
    expect(extentProblems({ ...extent, yearFrom: 2000, yearTo: 1999 }, 2026).map((p) => p.field)).toEqual([
      'extent.yearTo',
    ]);
  });
});

describe('the hand-over minutes', () => {
  const record = {
    handedOverOn: '2025-08-15',
    recordNumber: '12/BB-BGLT',
    signatories: [
      { side: 'handing' as const, name: 'Nguyễn Văn A', position: 'Nguyên Chủ tịch UBND xã' },
      { side: 'receiving' as const, name: 'Trần Thị B', position: 'Chánh Văn phòng HĐND và UBND' },
    ],
  };
  it('are signed by both sides', () => {
    expect(recordProblems(record, '2026-03-02')).toEqual([]);
    expect(recordProblems({ ...record, signatories: record.signatories.slice(0, 1) }, '2026-03-02')).toEqual([
      { field: 'signatories', detail: 'a signatory of the receiving side' },
    ]);
  });
  it('are not dated in the future', () => {
    expect(recordProblems({ ...record, handedOverOn: '2026-03-03' }, '2026-03-02').map((p) => p.field)).toEqual([
      'handedOverOn',
    ]);
  });
  it('come before the receipt', () => {
    expect(receiptProblems('2025-08-14', '2025-08-15', '2026-03-02', [])).toEqual([
      { field: 'receivedOn', detail: '≥ 2025-08-15' },
    ]);
    expect(receiptProblems('2025-08-20', '2025-08-15', '2026-03-02', [{ description: ' ', files: 1 }])).toEqual([
      { field: 'shortfalls.0.description', detail: 'required' },
    ]);
  });
});
