/**
 * The communes' boundaries (data/reference/admin-units/communes.topojson, simplified, quantized TopoJSON) as GeoJSON,
 * for a province's map of its communes and a commune among its neighbours. Two communes are neighbours when their
 * polygons share an arc (a stretch of common border): TopoJSON stores each shared border once, so this is exact for
 * the simplified shapes. Pure: the caller reads the file.
 */
export interface Topology {
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: Record<string, { geometries: TopoGeometry[] }>;
}
export interface TopoGeometry {
  type: 'Polygon' | 'MultiPolygon';
  arcs: number[][] | number[][][];
  properties: { code: string; name: string; type: string; province_code: string };
}
export interface Feature {
  type: 'Feature';
  properties: { code: string; name: string; fullName: string; provinceCode: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}

const TYPE_WORD: Record<string, string> = { phuong: 'Phường', xa: 'Xã', dac_khu: 'Đặc khu' };

export class CommuneShapes {
  private readonly decoded: [number, number][][];
  private readonly byCode = new Map<string, TopoGeometry>();
  /** arc index → the communes whose border uses it */
  private readonly arcOwners = new Map<number, string[]>();

  constructor(topo: Topology) {
    const [sx, sy] = topo.transform.scale;
    const [tx, ty] = topo.transform.translate;
    this.decoded = topo.arcs.map((arc) => {
      let x = 0;
      let y = 0;
      return arc.map(([dx, dy]) => {
        x += dx;
        y += dy;
        return [round(x * sx + tx), round(y * sy + ty)] as [number, number];
      });
    });
    for (const g of topo.objects.communes!.geometries) {
      this.byCode.set(g.properties.code, g);
      for (const i of arcIndexes(g)) {
        const k = i < 0 ? ~i : i;
        const list = this.arcOwners.get(k);
        if (list) list.push(g.properties.code);
        else this.arcOwners.set(k, [g.properties.code]);
      }
    }
  }

  /** The communes of a province. */
  province(provinceCode: string): Feature[] {
    return [...this.byCode.values()]
      .filter((g) => g.properties.province_code === provinceCode)
      .map((g) => this.feature(g));
  }

  /** The codes of the communes sharing a border with this one (any province), sorted. */
  neighbours(code: string): string[] {
    const g = this.byCode.get(code);
    if (!g) return [];
    const out = new Set<string>();
    for (const i of arcIndexes(g)) for (const c of this.arcOwners.get(i < 0 ? ~i : i) ?? []) if (c !== code) out.add(c);
    return [...out].sort();
  }

  /** A commune and its neighbours: the commune first. */
  around(code: string): Feature[] {
    const g = this.byCode.get(code);
    if (!g) return [];
    return [g, ...this.neighbours(code).map((c) => this.byCode.get(c)!)].map((x) => this.feature(x));
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  private ring(indexes: number[]): number[][] {
    const out: number[][] = [];
    indexes.forEach((i, n) => {
      const arc = i < 0 ? [...this.decoded[~i]!].reverse() : this.decoded[i]!;
      out.push(...(n === 0 ? arc : arc.slice(1)));
    });
    return out;
  }

  private feature(g: TopoGeometry): Feature {
    const p = g.properties;
    return {
      type: 'Feature',
      properties: {
        code: p.code,
        name: p.name,
        fullName: `${TYPE_WORD[p.type] ?? ''} ${p.name}`.trim(),
        provinceCode: p.province_code,
      },
      geometry:
        g.type === 'Polygon'
          ? { type: 'Polygon', coordinates: (g.arcs as number[][]).map((r) => this.ring(r)) }
          : {
              type: 'MultiPolygon',
              coordinates: (g.arcs as number[][][]).map((poly) => poly.map((r) => this.ring(r))),
            },
    };
  }
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;

function arcIndexes(g: TopoGeometry): number[] {
  return g.type === 'Polygon' ? (g.arcs as number[][]).flat() : (g.arcs as number[][][]).flat(2);
}
