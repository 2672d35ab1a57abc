import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../../db/client.js';
import type { Actor } from '../../../core/scope.js';
import { unitFullNames } from '../../units/index.js';
import { AGE_BANDS, EDUCATION } from '../domain/requirements.js';
import { workforceSummary } from '../service.js';
import { CATEGORY, EDUCATION_LEVEL, SEX, formatDate } from './domain/template.js';

/** The sheets of the summary workbook, in order (names as Excel shows them: ≤ 31 characters). */
export const SUMMARY_SHEETS = {
  provinces: 'Theo tỉnh',
  staffing: 'Biên chế',
  vacancies: 'Lãnh đạo còn trống',
  shortfalls: 'Không đạt yêu cầu',
  structure: 'Cơ cấu',
  secondments: 'Biệt phái, tăng cường',
} as const;

const SHORTFALL: Record<string, string> = {
  education: 'Trình độ chuyên môn thấp hơn yêu cầu',
  education_field: 'Chuyên ngành đào tạo không phù hợp',
  political_theory: 'Chưa đạt trình độ lý luận chính trị',
  state_management: 'Chưa qua bồi dưỡng quản lý nhà nước theo yêu cầu',
  it_certificate: 'Chưa có chứng chỉ tin học',
};
const AGE: Record<string, string> = {
  under_30: 'Dưới 30',
  '30_39': '30–39',
  '40_49': '40–49',
  '50_59': '50–59',
  '60_plus': 'Từ 60',
};
const KIND: Record<string, string> = { regular: 'Chính thức', secondment: 'Biệt phái', reinforcement: 'Tăng cường' };
const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : null);

type Col = { header: string; key: string; width: number; numFmt?: string };

/**
 * The summary views of a scope as one workbook, one sheet per view, Vietnamese headers. Scope is
 * checked by `workforceSummary` before a byte is written (throws 403 out of scope).
 */
export async function exportSummary(
  db: Db,
  actor: Actor,
  unit: string | undefined,
  today: string,
): Promise<{ stream: PassThrough; name: string }> {
  const s = await workforceSummary(db, actor, { unit }, today, { full: true });
  // Secondments come from a province: its name is needed even in a commune's workbook.
  const names = await unitFullNames(db, s.scope.provinceCode, today);
  const from = [...new Set(s.secondments.map((x) => x.fromUnitCode).filter((c): c is string => !!c && !names.has(c)))];
  if (from.length) for (const [k, v] of await unitFullNames(db, null, today)) if (from.includes(k)) names.set(k, v);
  const nameOf = (code: string | null | undefined) => (code ? (names.get(code) ?? code) : '');

  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = (name: string, columns: Col[], rows: Record<string, unknown>[], note?: string) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      style: c.numFmt ? { numFmt: c.numFmt } : {},
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for (const r of rows) ws.addRow(r).commit();
    if (note) ws.addRow({ [columns[0]!.key]: note }).commit();
    ws.commit();
  };
  const write = async () => {
    if (s.byProvince) {
      sheet(
        SUMMARY_SHEETS.provinces,
        [
          { header: 'Mã tỉnh', key: 'code', width: 9 },
          { header: 'Tỉnh, thành phố', key: 'name', width: 30 },
          { header: 'Số người hiện có', key: 'staff', width: 16 },
          { header: 'Biên chế được giao', key: 'approved', width: 18 },
          { header: 'Tỷ lệ so với biên chế (%)', key: 'filled', width: 22, numFmt: '0.0' },
          { header: 'Vị trí lãnh đạo còn trống', key: 'vacancies', width: 22 },
          { header: 'Số người được đánh giá', key: 'assessed', width: 20 },
          { header: 'Không đạt yêu cầu', key: 'notMeeting', width: 18 },
          { header: 'Tỷ lệ không đạt (%)', key: 'rate', width: 18, numFmt: '0.0' },
        ],
        s.byProvince.map((p) => ({
          code: p.provinceCode,
          name: nameOf(p.provinceCode),
          staff: p.staff,
          approved: p.approvedHeadcount,
          filled: rate(p.staff, p.approvedHeadcount),
          vacancies: p.leadershipVacancies,
          assessed: p.assessed,
          notMeeting: p.notMeeting,
          rate: rate(p.notMeeting, p.assessed),
        })),
      );
    }
    const byGap = [...s.byUnit].sort(
      (a, b) => b.approvedHeadcount - b.staff - (a.approvedHeadcount - a.staff) || a.unitCode.localeCompare(b.unitCode),
    );
    sheet(
      SUMMARY_SHEETS.staffing,
      [
        { header: 'STT', key: 'stt', width: 6 },
        { header: 'Mã đơn vị', key: 'code', width: 10 },
        { header: 'Tên đơn vị', key: 'name', width: 32 },
        { header: 'Tỉnh, thành phố', key: 'province', width: 26 },
        { header: 'Biên chế được giao', key: 'approved', width: 18 },
        { header: 'Số người hiện có', key: 'staff', width: 16 },
        { header: 'Còn thiếu', key: 'gap', width: 10 },
        { header: 'Tỷ lệ so với biên chế (%)', key: 'filled', width: 22, numFmt: '0.0' },
      ],
      byGap.map((u, i) => ({
        stt: i + 1,
        code: u.unitCode,
        name: nameOf(u.unitCode),
        province: nameOf(u.provinceCode),
        approved: u.approvedHeadcount,
        staff: u.staff,
        gap: Math.max(0, u.approvedHeadcount - u.staff),
        filled: rate(u.staff, u.approvedHeadcount),
      })),
    );
    sheet(
      SUMMARY_SHEETS.vacancies,
      [
        { header: 'STT', key: 'stt', width: 6 },
        { header: 'Tỉnh, thành phố', key: 'province', width: 26 },
        { header: 'Mã đơn vị', key: 'code', width: 10 },
        { header: 'Tên đơn vị', key: 'unit', width: 32 },
        { header: 'Chức vụ', key: 'post', width: 44 },
        { header: 'Số vị trí trống', key: 'seats', width: 14 },
        { header: 'Trống từ ngày', key: 'since', width: 14 },
        { header: 'Số ngày trống', key: 'days', width: 14 },
      ],
      s.leadershipVacancies.items.map((v, i) => ({
        stt: i + 1,
        province: nameOf(v.provinceCode),
        code: v.unitCode,
        unit: nameOf(v.unitCode),
        post: v.title,
        seats: v.vacantSeats,
        since: formatDate(v.vacantSince),
        days: v.daysVacant,
      })),
    );
    const r = s.requirements;
    const reasons = [...Object.keys(SHORTFALL), ...Object.keys(r.shortfalls).filter((k) => !(k in SHORTFALL))];
    sheet(
      SUMMARY_SHEETS.shortfalls,
      [
        { header: 'Lý do', key: 'reason', width: 52 },
        { header: 'Số người', key: 'n', width: 12 },
        { header: 'Tỷ lệ trên số người được đánh giá (%)', key: 'share', width: 34, numFmt: '0.0' },
      ],
      [
        { reason: 'Số người được đánh giá', n: r.assessed, share: r.assessed ? 100 : null },
        { reason: 'Không đạt yêu cầu vị trí việc làm', n: r.notMeeting, share: r.notMeetingRate },
        ...reasons.map((k) => ({
          reason: SHORTFALL[k] ?? k,
          n: r.shortfalls[k] ?? 0,
          share: rate(r.shortfalls[k] ?? 0, r.assessed),
        })),
      ],
      'Một người có thể thiếu nhiều yêu cầu.',
    );
    const st = s.structure;
    const group = (
      label: string,
      keys: readonly string[],
      counts: Record<string, number>,
      labelOf: (k: string) => string,
    ) =>
      [...keys, ...Object.keys(counts).filter((k) => !keys.includes(k))].map((k) => ({
        group: label,
        value: labelOf(k),
        n: counts[k] ?? 0,
        share: rate(counts[k] ?? 0, s.staff),
      }));
    sheet(
      SUMMARY_SHEETS.structure,
      [
        { header: 'Tiêu chí', key: 'group', width: 22 },
        { header: 'Nhóm', key: 'value', width: 26 },
        { header: 'Số người', key: 'n', width: 12 },
        { header: 'Tỷ lệ (%)', key: 'share', width: 12, numFmt: '0.0' },
      ],
      [
        ...group('Độ tuổi', AGE_BANDS, st.byAge, (k) => AGE[k] ?? k),
        ...group(
          'Trình độ chuyên môn',
          EDUCATION,
          st.byEducation,
          (k) => (EDUCATION_LEVEL.labels as Record<string, string>)[k] ?? k,
        ),
        ...group('Giới tính', ['male', 'female'], st.bySex, (k) => (SEX.labels as Record<string, string>)[k] ?? k),
        ...group(
          'Loại',
          ['cadre', 'civil_servant', 'public_employee', 'contract'],
          st.byCategory,
          (k) => (CATEGORY.labels as Record<string, string>)[k] ?? k,
        ),
      ],
    );
    sheet(
      SUMMARY_SHEETS.secondments,
      [
        { header: 'STT', key: 'stt', width: 6 },
        { header: 'Họ và tên', key: 'name', width: 28 },
        { header: 'Từ đơn vị', key: 'from', width: 30 },
        { header: 'Đến đơn vị', key: 'to', width: 30 },
        { header: 'Hình thức', key: 'kind', width: 14 },
        { header: 'Từ ngày', key: 'start', width: 12 },
        { header: 'Đến ngày', key: 'end', width: 12 },
      ],
      s.secondments.map((x, i) => ({
        stt: i + 1,
        name: x.fullName,
        from: nameOf(x.fromUnitCode),
        to: nameOf(x.unitCode),
        kind: KIND[x.kind] ?? x.kind,
        start: formatDate(x.startDate),
        end: formatDate(x.endDate),
      })),
    );
    await wb.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return { stream: out, name: s.scope.unitCode ?? s.scope.provinceCode ?? 'ca-nuoc' };
}
