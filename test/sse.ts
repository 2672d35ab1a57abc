/** A server-sent-event stream read as a browser's EventSource would, for the tests of live streams. */
import { expect } from 'vitest';

export interface StreamEvent {
  event: string;
  data: Record<string, unknown>;
}

export async function openEventStream(url: string, cookie: string) {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: ctrl.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const read = async (): Promise<StreamEvent> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) return { event, data: JSON.parse(data) as Record<string, unknown> };
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  function next(): Promise<StreamEvent>;
  /** the next event, or null if none comes within `ms` */
  function next(ms: number): Promise<StreamEvent | null>;
  function next(ms?: number) {
    return ms === undefined ? read() : Promise.race([read(), new Promise<null>((r) => setTimeout(() => r(null), ms))]);
  }
  return { next, close: () => ctrl.abort() };
}
