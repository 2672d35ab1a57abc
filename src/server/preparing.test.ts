import { afterEach, describe, expect, it } from 'vitest';
import { servePreparing, type PreparingPage } from './preparing.js';

let served: PreparingPage | null = null;
afterEach(async () => {
  await served?.close();
  served = null;
});

describe('the first start', () => {
  it('answers at once with a page that says what is happening, with the progress, in Vietnamese and English', async () => {
    served = await servePreparing(0, '127.0.0.1');
    served!.progress(0.42);
    const res = await fetch(`http://127.0.0.1:${served!.port}/units`);
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('Đang chuẩn bị nền tảng haicap');
    expect(html).toContain('42%');
    expect(html).toContain('Preparing the haicap platform');
    expect(html).toContain('http-equiv="refresh"');
  });

  it('answers the API with 503, a retry time and the error shape, and frees the port when closed', async () => {
    served = await servePreparing(0, '127.0.0.1');
    const port = served!.port;
    const res = await fetch(`http://127.0.0.1:${port}/api/units`, { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('10');
    expect(await res.json()).toMatchObject({
      statusCode: 503,
      code: 'preparing',
      message: expect.stringContaining('prepared'),
    });
    await served!.close();
    served = null;
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('leaves a port that is already taken to the real server to report', async () => {
    served = await servePreparing(0, '127.0.0.1');
    expect(await servePreparing(served!.port, '127.0.0.1')).toBeNull();
  });
});
