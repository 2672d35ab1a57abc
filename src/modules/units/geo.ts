// The communes' boundaries, read once when first asked (4.5 MB of TopoJSON; ~1 s to decode on a quiet machine).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDir } from './reference.js';
import { CommuneShapes, type Topology } from './domain/topojson.js';

let shapes: CommuneShapes | null = null;

export function communeShapes(): CommuneShapes {
  shapes ??= new CommuneShapes(JSON.parse(readFileSync(join(referenceDir, 'communes.topojson'), 'utf8')) as Topology);
  return shapes;
}
