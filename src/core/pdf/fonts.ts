import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The three faces every printed document embeds. */
export interface FontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
  italic: Uint8Array;
}

/**
 * DejaVu Serif Condensed (full Vietnamese glyphs, Bitstream Vera license: data/fonts/LICENSE), the fonts the dossier
 * forms and the reports print with. Times New Roman, which Decree 30 names, is not ours to ship.
 */
export const fontDir = fileURLToPath(new URL('../../../data/fonts/', import.meta.url));

let loading: Promise<FontBytes> | undefined;

/** The PDF fonts, read once per process. */
export function pdfFonts(): Promise<FontBytes> {
  loading ??= Promise.all(
    ['DejaVuSerifCondensed.ttf', 'DejaVuSerifCondensed-Bold.ttf', 'DejaVuSerifCondensed-Italic.ttf'].map((f) =>
      readFile(fontDir + f),
    ),
  )
    .then(([regular, bold, italic]) => ({ regular: regular!, bold: bold!, italic: italic! }))
    .catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
  return loading;
}
