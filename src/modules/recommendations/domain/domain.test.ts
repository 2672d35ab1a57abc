import { describe, expect, it } from 'vitest';
import { officialWorkingCalendar } from '../../../core/calendar/official.js';
import { allowedActions, firstLevel, levelAfter, nextStatus } from './lifecycle.js';
import { answerDueDate, isDueSoon } from './deadline.js';
import { rankSimilar, similarity } from './similarity.js';

const cal = officialWorkingCalendar();

describe('lifecycle', () => {
  it('routes a commune to its province, a province or officer to the Ministry', () => {
    expect([firstLevel('commune'), firstLevel('province'), firstLevel('officer')]).toEqual([
      'province',
      'ministry',
      'ministry',
    ]);
  });
  it('lets only the province forward, and sends a reopened item back to the level that answered', () => {
    expect(allowedActions('pending', 'province')).toEqual(['answer', 'forward', 'request_info']);
    expect(allowedActions('pending', 'ministry')).toEqual(['answer', 'request_info']);
    expect(nextStatus('accepted', 'reopen', 'ministry')).toBeNull();
    expect(levelAfter('reopen', 'province', 'ministry')).toBe('ministry');
    expect(levelAfter('forward', 'province', null)).toBe('ministry');
  });
});

describe('answer deadline', () => {
  it('counts 15 working days, over the National Day holiday', () => {
    // Received Thursday 28/8/2025; 1–2/9 are days off.
    expect(answerDueDate(new Date('2025-08-28T09:00:00+07:00'), 15, cal)).toBe('2025-09-22');
    // After 15:00 the next working day is day one (as for dossiers, ruling H of the domain brief).
    expect(answerDueDate(new Date('2026-03-02T15:30:00+07:00'), 1, cal)).toBe('2026-03-03');
  });
  it('warns within the last working days, not after the deadline', () => {
    expect(isDueSoon('2026-03-09', '2026-03-11', 3, cal)).toBe(true);
    expect(isDueSoon('2026-03-02', '2026-03-11', 3, cal)).toBe(false);
    expect(isDueSoon('2026-03-12', '2026-03-11', 3, cal)).toBe(false);
  });
});

describe('similarity', () => {
  it('ignores diacritics, tone-mark placement and case', () => {
    expect(similarity('Biên chế công chức địa chính', 'bien che cong chuc dia chinh')).toBe(1);
    expect(similarity('Hoà nhập', 'HÒA NHẬP')).toBe(1);
  });
  it('ranks the closest first and drops the unrelated', () => {
    const ranked = rankSimilar('thiếu công chức địa chính ở xã', [
      { id: 'a', text: 'Xã thiếu công chức địa chính, xây dựng' },
      { id: 'b', text: 'Con dấu của xã mới' },
      { id: 'c', text: 'thieu cong chuc dia chinh' },
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['c', 'a']);
  });
});
