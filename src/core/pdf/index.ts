export { pdfFonts, fontDir, type FontBytes } from './fonts.js';
export * from './writer.js';
