import { describe, expect, it } from 'vitest';
import { chunkProblem, PdfPageCounter } from './pages.js';

/** A minimal PDF body with a page tree and `n` page objects. */
const pdf = (n: number) =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count ' +
      n +
      ' >> endobj\n' +
      Array.from({ length: n }, (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R >> endobj\n`).join('') +
      '%%EOF\n',
    'latin1',
  );

const count = (bytes: Buffer, chunk: number) => {
  const c = new PdfPageCounter();
  for (let i = 0; i < bytes.length; i += chunk) c.push(bytes.subarray(i, i + chunk));
  return c.finish();
};

describe('counting the pages of a PDF as it arrives', () => {
  it('counts page objects, not the page tree', () => expect(count(pdf(3), 1 << 20)).toBe(3));

  it('gives the same count whatever the chunks, even one byte at a time', () => {
    const bytes = pdf(7);
    for (const size of [1, 2, 5, 13, 31, 32, 33, 64, 1000]) expect(count(bytes, size)).toBe(7);
  });

  it('copies its state: a piece counted and then refused leaves the counter as it was', () => {
    const bytes = pdf(4);
    const half = Math.floor(bytes.length / 2);
    const c = new PdfPageCounter();
    c.push(bytes.subarray(0, half));
    const refused = c.copy();
    refused.push(pdf(9));
    c.push(bytes.subarray(half));
    expect(c.finish()).toBe(4);
  });

  it('counts "/Type/Page" written without a space', () =>
    expect(count(Buffer.from('<< /Type/Page >> << /Type/Pages >>'), 4)).toBe(1));
});

describe('a piece of a resumable upload', () => {
  const upload = { offset: 1000, sizeBytes: 3000 };
  it('is written at the offset already received', () => {
    expect(chunkProblem(upload, 1000, 500)).toBeNull();
    expect(chunkProblem(upload, 0, 500)).toBe('offset_mismatch');
    expect(chunkProblem(upload, 1500, 500)).toBe('offset_mismatch');
  });
  it('does not go past the declared size, and is not empty', () => {
    expect(chunkProblem(upload, 1000, 2001)).toBe('too_long');
    expect(chunkProblem(upload, 1000, 0)).toBe('empty');
  });
});
