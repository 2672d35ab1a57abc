import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/pdf-text.js';
import { renderCertificate } from './certificate.js';

describe('the certificate of attendance', () => {
  it('dates the conference as official documents do (Decree 30: no leading zero for July)', async () => {
    const pdf = await renderCertificate({
      code: 'TH-2026-000001',
      fullName: 'Nguyễn Thị Lan',
      unitName: 'Phường Ba Đình',
      title: 'Tập huấn cán bộ cấp xã',
      hostName: 'Bộ Nội vụ',
      startsAt: new Date('2026-07-05T08:00:00+07:00'),
      endsAt: new Date('2026-07-05T11:30:00+07:00'),
      minutes: 200,
      sessionMinutes: 210,
      verifyUrl: 'https://example.test/xac-minh/TH-2026-000001',
    });
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('ngày 05 tháng 7 năm 2026');
    expect(text).not.toContain('tháng 07');
  });
});
