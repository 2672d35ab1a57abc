import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CommuneShapes, type Topology } from './topojson.js';

const topo = JSON.parse(
  readFileSync(new URL('../../../../data/reference/admin-units/communes.topojson', import.meta.url), 'utf8'),
) as Topology;
const shapes = new CommuneShapes(topo);

describe("the communes' boundaries", () => {
  it("draws a province's communes, every one of them, as closed rings in Vietnam", () => {
    const hanoi = shapes.province('01');
    expect(hanoi).toHaveLength(126);
    for (const f of hanoi) {
      const rings =
        f.geometry.type === 'Polygon'
          ? [f.geometry.coordinates as number[][][]]
          : (f.geometry.coordinates as number[][][][]);
      for (const ring of rings.flat()) {
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        for (const [lon, lat] of ring) {
          expect(lon).toBeGreaterThan(102);
          expect(lon).toBeLessThan(118);
          expect(lat).toBeGreaterThan(7);
          expect(lat).toBeLessThan(24);
        }
      }
    }
    expect(hanoi.find((f) => f.properties.code === '00004')?.properties.fullName).toBe('Phường Ba Đình');
  });

  it('finds a commune’s neighbours from the borders they share: Ba Đình touches Ngọc Hà, not a far commune', () => {
    const n = shapes.neighbours('00004');
    expect(n).toContain('00008'); // Ngọc Hà
    expect(n.length).toBeGreaterThan(2);
    expect(n.length).toBeLessThan(15);
    // neighbourhood is mutual
    for (const c of n) expect(shapes.neighbours(c)).toContain('00004');
    const around = shapes.around('00004');
    expect(around[0]!.properties.code).toBe('00004');
    expect(around).toHaveLength(n.length + 1);
  });
});
