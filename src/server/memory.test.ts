import { describe, expect, it } from 'vitest';
import { DEFAULT_HEAP_GROWTH_PERCENT, tuneHeap } from './memory.js';

describe("the heap's growth between collections (HEAP_GROWTH_PERCENT)", () => {
  it('is 100 % unless set, the setting when it is a sane whole number, and 0 leaves V8 its own', () => {
    expect(DEFAULT_HEAP_GROWTH_PERCENT).toBe(100);
    expect(tuneHeap({})).toBe(100);
    expect(tuneHeap({ HEAP_GROWTH_PERCENT: '150' })).toBe(150);
    expect(tuneHeap({ HEAP_GROWTH_PERCENT: '0' })).toBe(0);
    for (const bad of ['', 'lots', '-5', '2.5', '100000']) expect(tuneHeap({ HEAP_GROWTH_PERCENT: bad })).toBe(100);
  });
});
