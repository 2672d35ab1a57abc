/** A small seeded PRNG (mulberry32): the same seed gives the same demo nation. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** A child generator, so one module's draws do not shift another's. */
  fork(label: string): Rng {
    let h = this.state;
    for (const c of label) h = Math.imul(h ^ c.charCodeAt(0), 2654435761);
    return new Rng(h);
  }
}

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
] as const;
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Quốc', 'Hữu', 'Thanh', 'Công', 'Xuân'] as const;
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Hồng', 'Kim'] as const;
const GIVEN_M = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Hải',
  'Hùng',
  'Khánh',
  'Long',
  'Minh',
  'Nam',
  'Phong',
  'Phúc',
  'Quang',
  'Sơn',
  'Tâm',
  'Trung',
  'Tuấn',
  'Việt',
] as const;
const GIVEN_F = [
  'Anh',
  'Hà',
  'Hạnh',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Nga',
  'Ngân',
  'Phương',
  'Thảo',
  'Trang',
  'Vy',
  'Yến',
] as const;

/** A plausible Vietnamese full name. */
export function personName(rng: Rng): { fullName: string; gender: 'male' | 'female' } {
  const female = rng.next() < 0.45;
  // Drawn in this order (family, middle, given): the demo nation of a seed stays the same.
  const family = rng.pick(FAMILY);
  const middle = female ? rng.pick(MIDDLE_F) : rng.pick(MIDDLE_M);
  const fullName = `${family} ${middle} ${female ? rng.pick(GIVEN_F) : rng.pick(GIVEN_M)}`;
  return { fullName, gender: female ? 'female' : 'male' };
}
