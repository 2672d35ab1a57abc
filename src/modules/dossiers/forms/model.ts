/**
 * The printable one-stop forms 01–05 (Circular 01/2018/TT-VPCP Art. 9, A5 paper) as a layout-free model:
 * what each form says, in order. Pure: the dossier and its reference data in, the model out.
 * The renderer (render.ts) turns the model into PDF bytes; the tests assert on the model.
 */
import { placeDateLine } from '../../../core/calendar/dates.js';
import type { MessageKey } from '../../../core/i18n.js';
import type { getDossier } from '../service.js';
import { STATUS_CODE, type Status } from '../domain/lifecycle.js';

import { FORMS, type FormNo } from '../domain/forms.js';

export { FORMS, type FormNo };

export type DossierView = Awaited<ReturnType<typeof getDossier>>;
type DossierEvent = DossierView['events'][number];

export interface UnitName {
  code: string;
  level: 'province' | 'commune';
  /** short name: "Ba Đình", "Hà Nội" */
  name: string;
  /** official full name: "Phường Ba Đình", "Thành phố Hà Nội" */
  fullName: string;
}

export interface FormInput {
  form: FormNo;
  dossier: DossierView;
  /** the procedure as catalogued (null if it left the catalogue: its code is printed instead) */
  procedure: { code: string; name: string; documents: string[] } | null;
  /** every unit the dossier and its steps name, by code */
  units: Record<string, UnitName>;
  /** contact address of the receiving service center, if the unit keeps one */
  returnAddress?: string | null;
  printedAt: Date;
}

export type Style = 'regular' | 'bold' | 'italic';
export interface Run {
  text: string;
  style?: Style;
}
export type Block =
  /** a paragraph of styled runs; `indent` shifts every line, `hanging` the lines after the first */
  | {
      kind: 'para';
      runs: Run[];
      align?: 'left' | 'center' | 'right' | 'justify';
      indent?: number;
      hanging?: number;
      size?: number;
      spaceBefore?: number;
    }
  /** dotted lines left blank, to be filled in by hand */
  | { kind: 'dots'; count: number }
  /** widths are fractions of the text width */
  | { kind: 'table'; columns: { title: string; width: number }[]; rows: string[][]; spaceBefore?: number }
  /** signature columns, side by side; a title may hold a line break */
  | { kind: 'signatures'; columns: { title: string; hint: string }[] };

export interface FormModel {
  form: FormNo;
  fileName: string;
  receiptCode: string;
  header: {
    /** parent body, caps, not bold ("UBND PHƯỜNG BA ĐÌNH"); empty when the issuer has none above it */
    parent: string;
    /** issuing body, caps, bold, "\n" where its line should break ("TRUNG TÂM PHỤC VỤ\nHÀNH CHÍNH CÔNG") */
    issuer: string;
    /** "Ba Đình, ngày 02 tháng 3 năm 2026" */
    placeDate: string;
  };
  title: string;
  /** the text of the QR code printed top-left (form 01): receipt code | procedure code | due date */
  qr?: string;
  body: Block[];
}

// ---------- rules ----------

/** Why a form cannot be printed for this dossier (its message key), or null when it can. */
export function formProblem(
  form: FormNo,
  d: Pick<DossierView, 'originalDueDate' | 'apologyIssuedAt' | 'events'>,
): MessageKey | null {
  switch (form) {
    case '01':
      return d.originalDueDate ? null : 'form_no_receipt';
    case '02':
      return supplementEvent(d.events) ? null : 'form_no_supplement';
    case '03':
      return lastEvent(d.events, (e) => e.action === 'refuse') ? null : 'form_no_refusal';
    case '04':
      return d.apologyIssuedAt ? null : 'form_no_apology';
    case '05':
      return null;
  }
}

const lastEvent = (events: DossierEvent[], p: (e: DossierEvent) => boolean) => [...events].reverse().find(p);
/** The last request to supplement: an officer's request, or an incomplete dossier at the counter. */
const supplementEvent = (events: DossierEvent[]) =>
  lastEvent(
    events,
    (e) => e.action === 'request_supplement' || (e.action === 'receive' && e.toStatus === 'supplement_requested'),
  );

// ---------- Vietnamese wording ----------

export const STATUS_VI: Record<Status, string> = {
  registered: 'Mới đăng ký',
  received: 'Được tiếp nhận',
  not_accepted: 'Không được tiếp nhận',
  in_processing: 'Đang xử lý',
  supplement_requested: 'Yêu cầu bổ sung giấy tờ',
  financial_obligation: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  withdrawal_requested: 'Công dân yêu cầu rút hồ sơ',
  stopped: 'Dừng xử lý',
  processed: 'Đã xử lý xong',
  returned: 'Đã trả kết quả',
};

const ACTION_VI: Record<string, string> = {
  receive: 'Tiếp nhận hồ sơ',
  accept: 'Tiếp nhận hồ sơ trực tuyến',
  refuse: 'Từ chối tiếp nhận, giải quyết',
  start_processing: 'Xử lý hồ sơ',
  request_supplement: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
  supplement_received: 'Nhận hồ sơ bổ sung',
  request_payment: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  payment_received: 'Đã thực hiện nghĩa vụ tài chính',
  request_withdrawal: 'Công dân yêu cầu rút hồ sơ',
  stop: 'Dừng giải quyết hồ sơ',
  transfer: 'Chuyển hồ sơ',
  complete: 'Hoàn thành giải quyết',
  return_result: 'Trả kết quả',
  apology: 'Xin lỗi và hẹn lại ngày trả kết quả',
  rate: 'Đánh giá mức độ hài lòng',
};

const CENTER = 'Trung tâm Phục vụ hành chính công';

/** Vietnam has one offset (UTC+7) and no daylight saving. */
const local = (at: Date | string) => new Date(new Date(at).getTime() + 7 * 3_600_000);
const pad = (n: number) => String(n).padStart(2, '0');
/** "2026-03-05" → "05/03/2026" */
export const viDay = (isoDate: string) => `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
const localIsoDate = (at: Date | string) => local(at).toISOString().slice(0, 10);
/** "10 giờ 05 phút, ngày 02/03/2026" */
export const viTime = (at: Date | string) => {
  const l = local(at);
  return `${pad(l.getUTCHours())} giờ ${pad(l.getUTCMinutes())} phút, ngày ${viDay(l.toISOString())}`;
};
const shortTime = (at: string) => {
  const l = local(at);
  return `${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())} ${viDay(l.toISOString())}`;
};
/** A time slice in words: "2 ngày 3 giờ", "1 giờ 30 phút", "15 phút". */
export function viDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  if (days) return hours ? `${days} ngày ${hours} giờ` : `${days} ngày`;
  if (hours) return mins ? `${hours} giờ ${mins} phút` : `${hours} giờ`;
  return `${mins} phút`;
}
const upper = (s: string) => s.toLocaleUpperCase('vi');
/** A unit's name inside a sentence: "phường Ba Đình", "thành phố Hà Nội" (the type word in lower case). */
const inText = (u: UnitName) =>
  u.fullName === u.code ? u.code : u.fullName.charAt(0).toLocaleLowerCase('vi') + u.fullName.slice(1);
const committee = (u: UnitName) => `Ủy ban nhân dân ${inText(u)}`;

// ---------- the forms ----------

const r = (text: string, style: Style = 'regular'): Run => ({ text, style });
const para = (runs: Run[], more: Partial<Extract<Block, { kind: 'para' }>> = {}): Block => ({
  kind: 'para',
  runs,
  align: 'justify',
  ...more,
});
const field = (
  label: string,
  value: string | null | undefined,
  more: Partial<Extract<Block, { kind: 'para' }>> = {},
): Block | null => (value ? para([r(`${label}: `), r(value, 'bold')], { hanging: 12, align: 'left', ...more }) : null);

export function buildFormModel(input: FormInput): FormModel {
  const { form, dossier: d, units } = input;
  const unit = (code: string | null | undefined): UnitName =>
    (code && units[code]) || {
      code: code ?? '',
      level: code && code.length === 2 ? 'province' : 'commune',
      name: code ?? '',
      fullName: code ?? '',
    };
  const receiving = unit(d.receivingUnitCode);
  const handling = unit(d.handlingUnitCode);
  const centerOf = (u: UnitName) => `${CENTER} ${inText(u)}`;
  const procedure = input.procedure
    ? `${input.procedure.name} (mã thủ tục ${input.procedure.code})`
    : `Thủ tục mã ${d.procedureCode}`;
  const applicant = `Ông/Bà ${d.applicantName}`;

  /** the one-stop center of a unit issues forms 01, 02, 03 and 05 */
  const centerHeader = (u: UnitName, on: string) => ({
    parent: `UBND ${upper(u.fullName)}`,
    issuer: 'TRUNG TÂM PHỤC VỤ\nHÀNH CHÍNH CÔNG',
    placeDate: placeDate(u, on),
  });
  /** the competent People's Committee issues the apology (04) */
  const committeeHeader = (u: UnitName, on: string) => ({
    parent: '',
    issuer: `ỦY BAN NHÂN DÂN\n${upper(u.fullName)}`,
    placeDate: placeDate(u, on),
  });
  /** Decree 30/2020: the place is the official name of the unit where the issuing body sits. */
  const placeDate = (u: UnitName, on: string) => placeDateLine(u.name, on);

  const codeLine = para([r('Mã hồ sơ: '), r(d.receiptCode, 'bold')], { align: 'center', spaceBefore: 2 });
  const base = { form, receiptCode: d.receiptCode, fileName: `${d.receiptCode}-mau-${form}.pdf` };
  const compact = (blocks: (Block | null)[]) => blocks.filter((b): b is Block => b !== null);

  switch (form) {
    case '01': {
      const due = d.dueDate ?? d.originalDueDate!;
      const rescheduled =
        d.apologyIssuedAt && d.originalDueDate && d.originalDueDate !== due
          ? ` (hẹn lại; hẹn ban đầu ngày ${viDay(d.originalDueDate)})`
          : '';
      const documents = input.procedure?.documents ?? [];
      const returnAt =
        [centerOf(receiving), input.returnAddress].filter(Boolean).join(', ') +
        (d.channel === 'online' ? '; hoặc trực tuyến trên Cổng Dịch vụ công quốc gia' : '');
      return {
        ...base,
        header: centerHeader(receiving, localIsoDate(d.receivedAt)),
        title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
        qr: [d.receiptCode, d.procedureCode, due].join('|'),
        body: compact([
          codeLine,
          para([r(`${centerOf(receiving)} tiếp nhận hồ sơ của:`)], { spaceBefore: 6 }),
          field('Ông/Bà', d.applicantName),
          field('Số định danh cá nhân', d.applicantIdNumber),
          field('Địa chỉ', d.applicantAddress),
          field('Số điện thoại', d.applicantPhone),
          field('Nội dung yêu cầu giải quyết', procedure),
          para([r('1. Thành phần hồ sơ nộp gồm:')], { spaceBefore: 2 }),
          ...(documents.length
            ? documents.map((doc, i) => para([r(`${i + 1}) ${doc}`)], { indent: 12, hanging: 12 }))
            : [{ kind: 'dots', count: 2 } as Block]),
          para(
            [
              r('2. Thời gian giải quyết hồ sơ theo quy định: '),
              r(d.workingDays === 0 ? 'giải quyết trong ngày' : `${d.workingDays} ngày làm việc`, 'bold'),
            ],
            {
              hanging: 12,
            },
          ),
          para([r('3. Thời gian nhận hồ sơ: '), r(viTime(d.receivedAt), 'bold')], { hanging: 12 }),
          para([r('4. Thời gian trả kết quả giải quyết hồ sơ: '), r(`ngày ${viDay(due)}`, 'bold'), r(rescheduled)], {
            hanging: 12,
          }),
          para([r('5. Nhận kết quả tại: '), r(returnAt)], { hanging: 12 }),
          // Issue #14: only the applicant, who holds this slip, may rate the dossier (receipt codes are guessable).
          d.ratingToken
            ? para(
                [
                  r('6. Mã đánh giá mức độ hài lòng: '),
                  r(d.ratingToken, 'bold'),
                  r(' (nhập cùng mã hồ sơ tại trang Tra cứu hồ sơ; giữ kín, không cung cấp cho người khác)', 'italic'),
                ],
                { hanging: 12 },
              )
            : null,
          {
            kind: 'signatures',
            columns: [
              { title: 'NGƯỜI NỘP HỒ SƠ', hint: '(Ký và ghi rõ họ tên)' },
              { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: '(Ký và ghi rõ họ tên)' },
            ],
          },
        ]),
      };
    }
    case '02': {
      const e = supplementEvent(d.events)!;
      const from = unit(e.unitCode);
      return {
        ...base,
        header: centerHeader(from, localIsoDate(e.at)),
        title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
        body: compact([
          codeLine,
          para([r(`${centerOf(from)} tiếp nhận hồ sơ của:`)], { spaceBefore: 6 }),
          field('Ông/Bà', d.applicantName),
          field('Địa chỉ', d.applicantAddress),
          field('Số điện thoại', d.applicantPhone),
          field('Nội dung yêu cầu giải quyết', procedure),
          para([r('Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:')], { spaceBefore: 4 }),
          // The papers missing at intake, one a line (Decree 61/2018 Art. 19: everything missing, asked once).
          ...(d.missingPapers?.length && e.action === 'receive'
            ? d.missingPapers.map((p, i) => para([r(`${i + 1}. ${p}`, 'bold')], { indent: 12 }))
            : [e.note ? para([r(e.note, 'bold')], { indent: 12 }) : ({ kind: 'dots', count: 3 } as const)]),
          para(
            [
              r(
                'Thời gian giải quyết hồ sơ được tính lại từ đầu kể từ khi nhận đủ hồ sơ. ' +
                  `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ${applicant} liên hệ với ${centerOf(from)} để được hướng dẫn.`,
                'italic',
              ),
            ],
            { spaceBefore: 4 },
          ),
          {
            kind: 'signatures',
            columns: [
              { title: '', hint: '' },
              { title: 'NGƯỜI HƯỚNG DẪN', hint: '(Ký và ghi rõ họ tên)' },
            ],
          },
        ]),
      };
    }
    case '03': {
      const e = lastEvent(d.events, (x) => x.action === 'refuse')!;
      const from = unit(e.unitCode);
      return {
        ...base,
        header: centerHeader(from, localIsoDate(e.at)),
        title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
        body: compact([
          codeLine,
          para([r(`${centerOf(receiving)} tiếp nhận hồ sơ của:`)], { spaceBefore: 6 }),
          field('Ông/Bà', d.applicantName),
          field('Địa chỉ', d.applicantAddress),
          field('Số điện thoại', d.applicantPhone),
          field('Nội dung yêu cầu giải quyết', procedure),
          field('Thời gian nhận hồ sơ', viTime(d.receivedAt)),
          para(
            [
              r(
                `Qua xem xét, ${committee(from)} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`,
              ),
            ],
            { spaceBefore: 4 },
          ),
          // The papers missing at intake, one a line (Decree 61/2018 Art. 19: everything missing, asked once).
          ...(d.missingPapers?.length && e.action === 'receive'
            ? d.missingPapers.map((p, i) => para([r(`${i + 1}. ${p}`, 'bold')], { indent: 12 }))
            : [e.note ? para([r(e.note, 'bold')], { indent: 12 }) : ({ kind: 'dots', count: 3 } as const)]),
          para([r(`Xin thông báo để ${applicant} được biết và thực hiện./.`)], { spaceBefore: 4 }),
          {
            kind: 'signatures',
            columns: [
              { title: '', hint: '' },
              { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: '(Ký và ghi rõ họ tên)' },
            ],
          },
        ]),
      };
    }
    case '04': {
      const issued = d.apologyIssuedAt!;
      const apology = lastEvent(d.events, (x) => x.action === 'apology');
      const reason = d.apologyReason ?? apology?.note ?? null;
      return {
        ...base,
        header: committeeHeader(handling, localIsoDate(issued)),
        title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
        body: compact([
          codeLine,
          para([r('Kính gửi: '), r(applicant, 'bold')], { align: 'center', spaceBefore: 6 }),
          para(
            [
              r(
                `Ngày ${viDay(localIsoDate(d.receivedAt))}, ${centerOf(receiving)} tiếp nhận hồ sơ của ${applicant}, mã hồ sơ `,
              ),
              r(d.receiptCode, 'bold'),
              r('.'),
            ],
            { spaceBefore: 6 },
          ),
          field('Nội dung yêu cầu giải quyết', procedure),
          d.originalDueDate
            ? para([r('Thời hạn trả kết quả theo quy định: '), r(`ngày ${viDay(d.originalDueDate)}`, 'bold'), r('.')], {
                hanging: 12,
              })
            : null,
          para([r(`Tuy nhiên, đến nay ${committee(handling)} chưa giải quyết xong hồ sơ của ${applicant}.`)]),
          para([r('Lý do: ')], { hanging: 12 }),
          reason ? para([r(reason, 'bold')], { indent: 12 }) : { kind: 'dots', count: 2 },
          para(
            [
              r(
                `Sự chậm trễ này đã gây phiền hà cho ${applicant}. ` +
                  `${committee(handling)} xin lỗi ${applicant} và hẹn lại ngày trả kết quả là `,
              ),
              r(`ngày ${viDay(d.dueDate!)}`, 'bold'),
              r('.'),
            ],
            { spaceBefore: 2 },
          ),
          para([r(`Kính mong nhận được sự thông cảm của ${applicant}./.`)]),
          {
            kind: 'signatures',
            columns: [
              { title: '', hint: '' },
              { title: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH', hint: '(Ký, ghi rõ họ tên và đóng dấu)' },
            ],
          },
        ]),
      };
    }
    case '05': {
      const others = [
        ...new Set(
          d.events
            .flatMap((e) => [e.unitCode, e.toUnitCode])
            .filter((c): c is string => !!c && c !== d.receivingUnitCode && c !== d.handlingUnitCode),
        ),
      ];
      const dueText = d.dueDate
        ? `ngày ${viDay(d.dueDate)}`
        : d.status === 'supplement_requested'
          ? 'chưa tính (đang chờ bổ sung hồ sơ)'
          : 'không áp dụng';
      const rescheduled =
        d.dueDate && d.apologyIssuedAt && d.originalDueDate && d.originalDueDate !== d.dueDate
          ? ` (đã hẹn lại; hạn ban đầu ngày ${viDay(d.originalDueDate)})`
          : '';
      const outcome = d.finishedAt
        ? `${STATUS_VI[d.status]}, ${shortTime(d.finishedAt)}${d.overdue ? ' (quá hạn)' : ''}`
        : d.overdue
          ? 'đang giải quyết, đã quá hạn'
          : 'đang giải quyết';
      return {
        ...base,
        header: centerHeader(receiving, localIsoDate(input.printedAt)),
        title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
        body: compact([
          codeLine,
          para([r('(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)', 'italic')], { align: 'center' }),
          field('Người nộp hồ sơ', `${d.applicantName}`, { spaceBefore: 6 }),
          field('Nội dung yêu cầu giải quyết', procedure),
          field('Cơ quan tiếp nhận hồ sơ', centerOf(receiving)),
          field('Cơ quan giải quyết hồ sơ', committee(handling)),
          field('Cơ quan phối hợp giải quyết', others.map((c) => unit(c).fullName).join('; ')),
          para([r('Hạn trả kết quả: '), r(dueText, 'bold'), r(rescheduled)], { hanging: 12, align: 'left' }),
          para([r('Tình trạng: '), r(outcome, 'bold')], { hanging: 12 }),
          {
            kind: 'table',
            spaceBefore: 6,
            columns: [
              { title: 'Thời gian', width: 0.17 },
              { title: 'Cơ quan, đơn vị', width: 0.21 },
              { title: 'Bước xử lý', width: 0.29 },
              { title: 'Trạng thái', width: 0.18 },
              { title: 'Thời gian giữ hồ sơ', width: 0.15 },
            ],
            rows: d.events.map((e, i) => [
              shortTime(e.at),
              unit(e.unitCode).fullName,
              [
                ACTION_VI[e.action] ?? e.action,
                e.toUnitCode ? `đến ${unit(e.toUnitCode).fullName}` : '',
                e.note ? `(${clip(e.note, 140)})` : '',
              ]
                .filter(Boolean)
                .join(' '),
              `${STATUS_VI[e.toStatus as Status] ?? e.toStatus} (${STATUS_CODE[e.toStatus as Status] ?? '–'})`,
              i === d.events.length - 1 && d.finishedAt ? '–' : viDuration(e.minutesUntilNext),
            ]),
          },
          para([r(`In từ hệ thống một cửa lúc ${viTime(input.printedAt)}.`, 'italic')], {
            size: 8,
            align: 'right',
            spaceBefore: 4,
          }),
        ]),
      };
    }
  }
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
