/**
 * Charts of a report. One geometry (axes, bars, lines, in points from the top-left) computed here is drawn by the PDF
 * renderer with pdf-lib's primitives and rasterised into the PNG that Word needs beside an SVG; the SVG itself comes
 * from ECharts' server-side renderer. No rasteriser is among the dependencies, so the PNG fallback carries the
 * shapes only (no text): Word 2016+ and LibreOffice show the SVG.
 */
import { deflateSync } from 'node:zlib';
import type { DocBlock } from '../domain/document-model.js';
import { crc32 } from './zip.js';
import { formatValue } from '../domain/format.js';

export type ChartBlock = Extract<DocBlock, { kind: 'chart' }>;

/** Print-friendly series colours (dark blue, orange, grey, green, red). */
export const PALETTE = ['#1f4e79', '#c55a11', '#7f7f7f', '#548235', '#a50021'] as const;

export interface ChartGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  ticks: { y: number; label: string }[];
  categories: { x: number; label: string }[];
  bars: { x: number; y: number; w: number; h: number; series: number; label: string }[];
  lines: { series: number; segments: [number, number][][] }[];
  legend: { series: number; name: string }[];
}

/** A round upper bound for the axis: 1, 2, 2.5, 5 or 10 × a power of ten. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  const f = max / p;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * p;
}

export function chartGeometry(block: ChartBlock, width: number, height: number): ChartGeometry {
  const legendRows = block.series.length > 1 ? 1 : 0;
  const values = block.series.flatMap((s) => s.values).filter((v): v is number => v != null);
  const max = niceMax(Math.max(0, ...values));
  const tickCount = 5;
  const ticks = Array.from({ length: tickCount + 1 }, (_, i) => (max / tickCount) * i);
  const longest = Math.max(...ticks.map((t) => formatValue(t, block.format).length));
  const plot = { left: 12 + longest * 5.5, top: 12 + legendRows * 18, right: width - 10, bottom: height - 28 };
  const ph = plot.bottom - plot.top;
  const yOf = (v: number) => plot.bottom - (v / max) * ph;
  const n = Math.max(1, block.categories.length);
  const band = (plot.right - plot.left) / n;
  const g: ChartGeometry = {
    width,
    height,
    plot,
    ticks: ticks.map((t) => ({ y: yOf(t), label: formatValue(t, block.format) })),
    categories: block.categories.map((label, i) => ({ x: plot.left + band * (i + 0.5), label })),
    bars: [],
    lines: [],
    legend: legendRows ? block.series.map((s, i) => ({ series: i, name: s.name })) : [],
  };
  if (block.type === 'bar') {
    const barW = (band * 0.7) / Math.max(1, block.series.length);
    block.series.forEach((s, si) =>
      s.values.forEach((v, ci) => {
        if (v == null) return;
        const x = plot.left + band * ci + band * 0.15 + barW * si;
        const y = yOf(Math.max(0, v));
        g.bars.push({ x, y, w: barW, h: plot.bottom - y, series: si, label: formatValue(v, block.format) });
      }),
    );
  } else {
    block.series.forEach((s, si) => {
      const segments: [number, number][][] = [];
      let current: [number, number][] = [];
      s.values.forEach((v, ci) => {
        if (v == null) {
          if (current.length) segments.push(current);
          current = [];
          return;
        }
        current.push([plot.left + band * (ci + 0.5), yOf(v)]);
      });
      if (current.length) segments.push(current);
      g.lines.push({ series: si, segments });
    });
  }
  return g;
}

/** The chart as SVG from ECharts' server-side renderer; its instance ids are renumbered so the output is stable. */
export async function chartSvg(block: ChartBlock, width: number, height: number): Promise<string> {
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const fmt = (v: number) => formatValue(v, block.format);
  const labelled = block.categories.length * block.series.length <= 16;
  chart.setOption({
    animation: false,
    color: [...PALETTE],
    textStyle: { fontFamily: 'Times New Roman', fontSize: 12, color: '#000' },
    legend: block.series.length > 1 ? { top: 0, textStyle: { fontFamily: 'Times New Roman' } } : undefined,
    grid: { left: 10, right: 10, top: block.series.length > 1 ? 30 : 15, bottom: 10, containLabel: true },
    xAxis: {
      type: 'category',
      data: block.categories,
      axisLabel: { interval: 0, rotate: block.categories.length > 8 ? 30 : 0 },
    },
    yAxis: { type: 'value', axisLabel: { formatter: fmt } },
    series: block.series.map((s) => ({
      name: s.name,
      type: block.type,
      data: s.values,
      label: { show: labelled, position: 'top', formatter: (p: { value: unknown }) => fmt(Number(p.value)) },
    })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  // zrender numbers its instances and style classes across the process: renumber them within this SVG
  const seen = new Map<string, string>();
  return svg.replace(/\bzr\d+-([a-z]+)-?(\d+)\b/g, (m: string, kind: string) => {
    if (!seen.has(m)) seen.set(m, `zr0-${kind}-${[...seen.keys()].filter((k) => k.includes(`-${kind}`)).length}`);
    return seen.get(m)!;
  });
}

// ---------- the PNG fallback: the geometry rasterised, shapes only ----------

const hex = (c: string): [number, number, number] => [
  parseInt(c.slice(1, 3), 16),
  parseInt(c.slice(3, 5), 16),
  parseInt(c.slice(5, 7), 16),
];

/** The chart's shapes as a PNG (`scale` pixels per point). */
export function chartPng(block: ChartBlock, width: number, height: number, scale = 2): Uint8Array {
  const g = chartGeometry(block, width, height);
  const W = Math.round(width * scale);
  const H = Math.round(height * scale);
  const px = new Uint8Array(W * H * 3).fill(255);
  const set = (x: number, y: number, rgb: [number, number, number]) => {
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    const i = (y * W + x) * 3;
    px[i] = rgb[0];
    px[i + 1] = rgb[1];
    px[i + 2] = rgb[2];
  };
  const rect = (x: number, y: number, w: number, h: number, rgb: [number, number, number]) => {
    const x0 = Math.round(x * scale);
    const y0 = Math.round(y * scale);
    const x1 = Math.round((x + w) * scale);
    const y1 = Math.round((y + h) * scale);
    for (let yy = y0; yy < Math.max(y1, y0 + 1); yy++)
      for (let xx = x0; xx < Math.max(x1, x0 + 1); xx++) set(xx, yy, rgb);
  };
  const line = (a: [number, number], b: [number, number], rgb: [number, number, number], thick: number) => {
    const steps = Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]) * scale) + 1;
    for (let s = 0; s <= steps; s++) {
      const x = a[0] + ((b[0] - a[0]) * s) / steps;
      const y = a[1] + ((b[1] - a[1]) * s) / steps;
      rect(x - thick / 2, y - thick / 2, thick, thick, rgb);
    }
  };
  const grid: [number, number, number] = [224, 224, 224];
  for (const t of g.ticks) rect(g.plot.left, t.y, g.plot.right - g.plot.left, 0.5, grid);
  for (const b of g.bars) rect(b.x, b.y, b.w, b.h, hex(PALETTE[b.series % PALETTE.length]!));
  for (const l of g.lines)
    for (const seg of l.segments) {
      const rgb = hex(PALETTE[l.series % PALETTE.length]!);
      seg.forEach((p, i) => {
        if (i > 0) line(seg[i - 1]!, p, rgb, 1.5);
        rect(p[0] - 2, p[1] - 2, 4, 4, rgb);
      });
    }
  rect(g.plot.left, g.plot.bottom, g.plot.right - g.plot.left, 0.8, [0, 0, 0]);
  return encodePng(W, H, px);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An 8-bit RGB PNG of `px` (rows top to bottom). */
export function encodePng(width: number, height: number, px: Uint8Array): Uint8Array {
  const raw = new Uint8Array(height * (width * 3 + 1));
  for (let y = 0; y < height; y++) raw.set(px.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', new Uint8Array(deflateSync(raw))),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
