import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { MAX_BUS_PAYLOAD } from '../../db/bus.js';
import { fitPayload } from './live.js';

/** The changes of a window go to the other processes in as few NOTIFY messages as fit its payload. */
describe('a window of changes split into messages', () => {
  const eventId = randomUUID();
  const changes = Array.from({ length: 300 }, (_, i) => ({
    unitCode: String(10_000 + i).padStart(5, '0'),
    provinceCode: '01',
    from: 'silent' as const,
    to: 'connected' as const,
    at: new Date(Date.UTC(2026, 2, 2, 1, 0, i)).toISOString(),
  }));

  it('each message fits the payload, every change sent once and in order', () => {
    const parts = fitPayload(eventId, changes);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      const message = JSON.stringify({ id: randomUUID(), eventId, changes: part });
      expect(Buffer.byteLength(message)).toBeLessThanOrEqual(MAX_BUS_PAYLOAD);
    }
    expect(parts.flat()).toEqual(changes);
  });

  it('a few changes go in one message', () => {
    expect(fitPayload(eventId, changes.slice(0, 3))).toEqual([changes.slice(0, 3)]);
    expect(fitPayload(eventId, [])).toEqual([]);
  });
});
