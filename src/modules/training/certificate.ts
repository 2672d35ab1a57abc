/**
 * The certificate of attendance as a PDF: A4 landscape, the national motto, the host, the person, the event, the
 * minutes present, and a QR code that opens the public verification page. Same input, same bytes.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import QRCode from 'qrcode';
import { officialDateWords, vietnamLocal } from '../../core/calendar/dates.js';

/** DejaVu Serif Condensed (Vietnamese glyphs): see data/fonts/LICENSE. */
const fontDir = fileURLToPath(new URL('../../../data/fonts/', import.meta.url));
let fonts: Promise<[Uint8Array, Uint8Array, Uint8Array]> | undefined;
const loadFonts = () =>
  (fonts ??= Promise.all(
    ['DejaVuSerifCondensed.ttf', 'DejaVuSerifCondensed-Bold.ttf', 'DejaVuSerifCondensed-Italic.ttf'].map(
      (f) => readFile(fontDir + f) as Promise<Uint8Array>,
    ),
  ) as Promise<[Uint8Array, Uint8Array, Uint8Array]>).catch((err: unknown) => {
    fonts = undefined;
    throw err;
  });

export interface CertificateModel {
  code: string;
  fullName: string;
  unitName: string;
  title: string;
  hostName: string;
  startsAt: Date;
  endsAt: Date;
  minutes: number;
  sessionMinutes: number;
  /** the public address the QR code opens */
  verifyUrl: string;
}

const W = 841.89;
const H = 595.28;
const INK = rgb(0.1, 0.1, 0.1);
const RED = rgb(0.62, 0.08, 0.08);

// Decree 30/2020: "ngày 05 tháng 7 năm 2026" (a leading zero for days below 10 and months 1–2 only)
const vnDate = (d: Date) => officialDateWords(vietnamLocal(d).date);

export async function renderCertificate(m: CertificateModel): Promise<Uint8Array> {
  const [regularBytes, boldBytes, italicBytes] = await loadFonts();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(regularBytes, { subset: true });
  const bold = await doc.embedFont(boldBytes, { subset: true });
  const italic = await doc.embedFont(italicBytes, { subset: true });
  doc.setTitle(`Giấy chứng nhận – ${m.fullName} – ${m.code}`);
  doc.setCreator('haicap');
  doc.setProducer('haicap (pdf-lib)');
  doc.setLanguage('vi-VN');
  doc.setCreationDate(m.endsAt);
  doc.setModificationDate(m.endsAt);
  const page = doc.addPage([W, H]);
  page.drawRectangle({ x: 24, y: 24, width: W - 48, height: H - 48, borderColor: RED, borderWidth: 3 });
  page.drawRectangle({ x: 32, y: 32, width: W - 64, height: H - 64, borderColor: RED, borderWidth: 0.8 });
  const center = (text: string, y: number, font: PDFFont, size: number, color = INK) => {
    const fitted = Math.min(size, ((W - 140) / font.widthOfTextAtSize(text, 1)) * 0.98);
    page.drawText(text, { x: (W - font.widthOfTextAtSize(text, fitted)) / 2, y, size: fitted, font, color });
  };
  center('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', H - 80, bold, 13);
  center('Độc lập - Tự do - Hạnh phúc', H - 98, bold, 12);
  center(m.hostName.toUpperCase(), H - 130, bold, 12);
  center('GIẤY CHỨNG NHẬN', H - 190, bold, 30, RED);
  center('Đã tham dự hội nghị tập huấn', H - 222, italic, 14);
  center(m.fullName, H - 270, bold, 24);
  center(m.unitName, H - 298, regular, 14);
  center(`«${m.title}»`, H - 340, bold, 15);
  center(
    `${vnDate(m.startsAt)} — có mặt ${m.minutes}/${m.sessionMinutes} phút theo dõi tại điểm cầu`,
    H - 368,
    regular,
    12,
  );
  center(`Số: ${m.code}`, 70, regular, 10);
  drawQr(page, m.verifyUrl, W - 150, 160, 96);
  page.drawText('Quét để kiểm tra', { x: W - 150, y: 50, size: 9, font: italic, color: INK });
  return doc.save({ useObjectStreams: false });
}

function drawQr(page: PDFPage, text: string, x: number, top: number, size: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = size / modules.size;
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      page.drawRectangle({
        x: x + start * cell,
        y: top - (row + 1) * cell,
        width: (col - start) * cell,
        height: cell,
        color: INK,
      });
    }
  }
}
