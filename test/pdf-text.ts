// The text a PDF shows, for tests that check what a reader would read (the reports, the settlement sheet).
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  decodePDFRawStream,
  type PDFPage,
} from 'pdf-lib';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The text a PDF page shows: each drawn string decoded through its font's ToUnicode map, joined by spaces. */
export function pageText(page: PDFPage): string {
  const ctx = page.doc.context;
  const decode = (s: unknown) => text(decodePDFRawStream(s as PDFRawStream).decode());
  const fonts = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
  const maps = new Map<string, Map<string, string>>();
  for (const [name, ref] of fonts.entries()) {
    const font = ctx.lookup(ref, PDFDict);
    const cmap = decode(ctx.lookup(font.get(PDFName.of('ToUnicode')) as PDFRef));
    const map = new Map<string, string>();
    const utf16 = (hex: string) => String.fromCharCode(...hex.match(/.{4}/g)!.map((h) => parseInt(h, 16)));
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
      for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
        map.set(m[1]!.toUpperCase(), utf16(m[2]!));
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
      for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
        const [a, b, c] = [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
        for (let g = a; g <= b; g++)
          map.set(g.toString(16).toUpperCase().padStart(4, '0'), String.fromCodePoint(c + g - a));
      }
    maps.set(name.asString(), map);
  }
  const contents = page.node.Contents()!;
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => ctx.lookup(r)) : [contents];
  const words: string[] = [];
  let current = new Map<string, string>();
  for (const s of streams)
    for (const m of decode(s).matchAll(/(\/\S+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj/g)) {
      if (m[1]) current = maps.get(m[1])!;
      else
        words.push(
          m[2]!
            .toUpperCase()
            .match(/.{4}/g)
            ?.map((g) => current.get(g) ?? '?')
            .join('') ?? '',
        );
    }
  return words.join(' ');
}

/** Every page's text, joined. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await PDFDocument.load(bytes)).getPages().map(pageText).join(' ');
}
