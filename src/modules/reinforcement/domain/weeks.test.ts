import { describe, expect, it } from 'vitest';
import { officialWorkingCalendar } from '../../../core/calendar/official.js';
import { draftReportText, mondayOf, phaseWeeks, reportDueOn, reportState } from './weeks.js';

const cal = officialWorkingCalendar();

describe('phase weeks and reports', () => {
  it('covers the first phase with ten Monday-to-Sunday weeks', () => {
    const weeks = phaseWeeks('2025-09-03', '2025-11-03');
    expect(weeks[0]).toBe('2025-09-01');
    expect(weeks.at(-1)).toBe('2025-11-03');
    expect(weeks).toHaveLength(10);
    expect(mondayOf('2025-09-07')).toBe('2025-09-01');
  });
  it('makes a week’s report due the first working day after it, past holidays', () => {
    expect(reportDueOn('2025-09-08', cal)).toBe('2025-09-15');
    expect(reportDueOn('2025-08-25', cal)).toBe('2025-09-03'); // 1–2/9: National Day
  });
  it('tells sent, sent late, due and late apart', () => {
    expect(reportState('2025-09-08', '2025-09-15', '2025-09-15', null)).toBe('due');
    expect(reportState('2025-09-08', '2025-09-15', '2025-09-16', null)).toBe('late');
    expect(reportState('2025-09-08', '2025-09-15', '2025-09-20', '2025-09-17')).toBe('submitted_late');
    expect(reportState('2025-09-22', '2025-09-29', '2025-09-16', null)).toBe('not_yet');
  });
  it('drafts the report from the visits and items', () => {
    const text = draftReportText({
      officerName: 'Lê Văn An',
      provinceName: 'Hà Nội',
      weekStart: '2025-09-08',
      visits: [
        {
          visitedOn: '2025-09-09',
          communeName: 'Ba Đình',
          metWith: 'Chủ tịch UBND',
          findings: 'Ổn định.',
          resolved: null,
        },
      ],
      items: [{ code: 'KN01-2509-0001', field: 'personnel', title: 'Thiếu công chức', status: 'pending' }],
      nextWeek: [],
    });
    expect(text).toContain('08/09/2025 – 14/09/2025');
    expect(text).toContain('1 lượt làm việc tại 1 xã');
    expect(text).toContain('KN01-2509-0001');
  });
});
