/**
 * While the first start prepares the database (a minute or two), the port answers at once: a page saying so, with
 * the progress, that reloads itself; the API answers 503 with Retry-After. Closed when the platform is ready.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// The page's words, Vietnamese first (the app's catalogues are not loaded yet at this point).
const TEXT = {
  vi: {
    title: 'Đang chuẩn bị nền tảng haicap',
    body: 'Lần khởi động đầu tiên: đang nạp danh mục đơn vị hành chính và dữ liệu mẫu. Trang sẽ tự tải lại khi sẵn sàng.',
    api: 'Nền tảng đang được chuẩn bị (lần khởi động đầu tiên). Vui lòng thử lại sau ít phút.',
  },
  en: {
    title: 'Preparing the haicap platform',
    body: 'First start: loading the administrative units and the demo data. This page reloads itself when ready.',
    api: 'The platform is being prepared (first start). Please try again in a few minutes.',
  },
} as const;

export interface PreparingPage {
  port: number;
  /** The share done (0–1), shown on the page. */
  progress(share: number): void;
  close(): Promise<void>;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function page(percent: number): string {
  const { vi, en } = TEXT;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(vi.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1a2433}
progress{width:100%;height:1.25rem}p.en{color:#5a6472}</style></head><body>
<h1>${escapeHtml(vi.title)}</h1><progress max="100" value="${percent}">${percent}%</progress><p><strong>${percent}%</strong></p>
<p>${escapeHtml(vi.body)}</p><p class="en" lang="en">${escapeHtml(en.title)}. ${escapeHtml(en.body)}</p></body></html>`;
}

/** Listens on the platform's address until `close()`; a port already taken is left to the real server to report. */
export async function servePreparing(port: number, host: string): Promise<PreparingPage | null> {
  let percent = 0;
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/api/')) {
      const lang = /^\s*en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'vi';
      res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '10' });
      res.end(JSON.stringify({ statusCode: 503, code: 'preparing', message: TEXT[lang].api }));
      return;
    }
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'retry-after': '5', 'cache-control': 'no-store' });
    res.end(page(percent));
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, host, () => resolve(true));
  });
  if (!listening) return null;
  return {
    port: (server.address() as AddressInfo).port,
    progress: (share) => (percent = Math.max(percent, Math.min(99, Math.round(share * 100)))),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
