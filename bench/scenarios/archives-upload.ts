/**
 * Archives upload (issue 19): a batch of scanned files (1 GB in the full run: 64 PDFs of 16 MB; 256 MB with --quick)
 * sent through the resumable upload over HTTP to the server under test (its own process, demo nation, a commune's
 * account: POST the upload, then PATCH pieces with Upload-Offset, one file after the other, as the web page does), the
 * server's file store in a temp dir; against `cp -r` of the same files on the same disk (page cache warm for both).
 * Two piece sizes: 8 MB (the server's maximum) and 2 MB (what the web page sends). Clients: `fetch` of a piece read
 * into a buffer (the first client, kept as the same run's reference), and `http.request` on a keep-alive agent with
 * the piece streamed from the file (no copy), one file at a time or three files in flight (pieces of one file stay in
 * order: the offset protocol). The ceiling of any upload over HTTP on this machine: the same client against a bare
 * `node:http` server (`bench/server.ts --bare-upload`) that only writes each piece to a file, and one that also
 * hashes it. `cp` copies in the kernel (`copy_file_range`), the bytes never cross a socket nor user space.
 * The server's CPU per MB (/proc) is reported with each run: on a shared machine it holds still when rates swing.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, openSync, readSync, closeSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import {
  processCpuMs,
  removeDir,
  round,
  signInHttp,
  startServer,
  tempDir,
  type Scenario,
  type ScenarioResult,
} from '../lib.js';

const MB = 1024 * 1024;

/** A fake scanned PDF: random bytes with a header and `/Type /Page` objects every 256 KB (the page counter runs). */
function fakePdf(size: number): Buffer {
  const b = randomBytes(size);
  b.write('%PDF-1.7\n', 0, 'latin1');
  for (let at = 64 * 1024; at + 64 < size; at += 256 * 1024)
    b.write('\n1 0 obj << /Type /Page >> endobj\n', at, 'latin1');
  return b;
}

export const archivesUpload: Scenario = {
  name: 'archives-upload',
  async run(ctx) {
    const fileMb = 16;
    const files = ctx.quick ? 16 : 64;
    const totalMb = files * fileMb;
    const root = tempDir('haicap-bench-upload-');
    const src = join(root, 'scans');
    const filesDir = join(root, 'store');
    mkdirSync(src, { recursive: true });
    mkdirSync(filesDir, { recursive: true });
    ctx.onCleanup(() => removeDir(root));
    for (let i = 0; i < files; i++)
      writeFileSync(join(src, `scan-${String(i).padStart(3, '0')}.pdf`), fakePdf(fileMb * MB));
    ctx.log(`  ${files} files of ${fileMb} MB (${totalMb} MB) in ${src}`);

    // the reference: cp of the same files on the same disk
    const cpS: number[] = [];
    for (let i = 0; i < 2; i++) {
      const a = performance.now();
      execFileSync('cp', ['-r', src, join(root, `copy-${i}`)]);
      cpS.push((performance.now() - a) / 1000);
      removeDir(join(root, `copy-${i}`));
    }
    const cp = Math.min(...cpS);
    const cpRate = totalMb / cp;
    ctx.log(`  cp -r: ${round(cp, 2)} s (${round(cpRate, 0)} MB/s; runs ${cpS.map((s) => round(s, 2)).join(', ')} s)`);

    const db = await ctx.freshDatabase('upload');
    ctx.log('  starting the server under test (demo nation)…');
    const srv = await startServer(
      [],
      { DATABASE_URL: db.url ?? '', DATA_DIR: db.dataDir ?? '', FILES_DIR: filesDir },
      ctx.log,
    );
    ctx.onCleanup(() => srv.stop());
    const ministry = await signInHttp(srv.url, 'ministry', 'haicap-demo');
    const units = (await (
      await fetch(`${srv.url}/api/units?level=commune&pageSize=1`, { headers: { cookie: ministry.cookie } })
    ).json()) as { items: { code: string }[] };
    const code = units.items[0]!.code;
    const s = await signInHttp(srv.url, `commune-${code}`, 'haicap-demo');
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${srv.url}${path}`, {
        method,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const plan = await call('POST', '/api/archives/plans', {
      unitCode: code,
      year: 2026,
      fonds: 'Phông UBND xã (bench)',
      retention: 'permanent',
      plannedFiles: 1000,
      plannedPages: 100000,
    });

    const out: ScenarioResult[] = [];
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const headersFor = (offset: number) => ({
      cookie: s.cookie,
      'x-csrf-token': s.csrfToken,
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(offset),
    });
    /** One piece by `fetch`, read into a buffer first (the first client). */
    const viaFetch = async (id: string, path: string, offset: number, piece: Buffer<ArrayBuffer>) => {
      const fd = openSync(path, 'r');
      try {
        const n = readSync(fd, piece, 0, piece.length, offset);
        const res = await fetch(`${srv.url}/api/archives/uploads/${id}`, {
          method: 'PATCH',
          headers: headersFor(offset),
          body: piece.subarray(0, n),
        });
        return { status: res.status, text: await res.text() };
      } finally {
        closeSync(fd);
      }
    };
    /** One piece by `http.request`, streamed from the file (keep-alive). */
    const viaHttpTo = (url: string, headers: Record<string, string>, path: string, offset: number, length: number) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(
          url,
          { method: 'PATCH', agent, headers: { ...headers, 'content-length': String(length) } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString() }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        createReadStream(path, { start: offset, end: offset + length - 1, highWaterMark: 1024 * 1024 })
          .on('error', reject)
          .pipe(req);
      });
    const viaHttp = (id: string, path: string, offset: number, length: number) =>
      viaHttpTo(`${srv.url}/api/archives/uploads/${id}`, headersFor(offset), path, offset, length);

    const runs = [
      { pieceMb: 8, client: 'fetch', inFlight: 1 },
      { pieceMb: 8, client: 'http', inFlight: 1 },
      { pieceMb: 8, client: 'http', inFlight: 3 },
      { pieceMb: 2, client: 'http', inFlight: 1 },
    ] as const;
    for (const { pieceMb, client, inFlight } of runs) {
      const how = client === 'fetch' ? 'fetch' : 'http.request streamed';
      const label = `${pieceMb} MB pieces, ${how}, ${inFlight} file${inFlight > 1 ? 's' : ''} in flight`;
      const batch = await call('POST', `/api/archives/plans/${plan.id as string}/batches`, {
        name: `Lô bench ${label}`,
        files,
      });
      const size = fileMb * MB;
      let requests = 0;
      const sendFile = async (i: number, piece: Buffer<ArrayBuffer>) => {
        const name = `scan-${String(i).padStart(3, '0')}.pdf`;
        const path = join(src, name);
        const u = await call('POST', `/api/archives/batches/${batch.id as string}/uploads`, {
          name,
          contentType: 'application/pdf',
          sizeBytes: size,
        });
        let offset = 0;
        while (offset < size) {
          const length = Math.min(pieceMb * MB, size - offset);
          const res =
            client === 'fetch'
              ? await viaFetch(u.id as string, path, offset, piece)
              : await viaHttp(u.id as string, path, offset, length);
          requests++;
          if (res.status !== 200) throw new Error(`PATCH ${name} at ${offset}: ${res.status} ${res.text}`);
          const r = JSON.parse(res.text) as { offset: number; complete: boolean };
          offset = r.offset;
          if (offset >= size && !r.complete) throw new Error(`${name}: all sent, not complete`);
        }
      };
      let next = 0;
      const cpu0 = processCpuMs(srv.pid);
      const a = performance.now();
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          const piece = Buffer.alloc(pieceMb * MB);
          for (let i = next++; i < files; i = next++) await sendFile(i, piece);
        }),
      );
      const upS = (performance.now() - a) / 1000;
      const cpuMsPerMb = round((processCpuMs(srv.pid) - cpu0) / totalMb, 2);
      const rate = totalMb / upS;
      const detail = (await call('GET', `/api/archives/batches/${batch.id as string}`)) as {
        scans: number;
        pages: number;
      };
      const kept = detail.scans;
      const du = execFileSync('du', ['-sm', filesDir], { encoding: 'utf8' }).split('\t')[0];
      ctx.log(
        `  upload ${label}: ${round(upS, 1)} s (${round(rate, 0)} MB/s, ${requests} PATCH), ` +
          `${kept} scans kept (${detail.pages} pages counted); ${round(rate / cpRate, 2)} of cp; server CPU ${cpuMsPerMb} ms/MB`,
      );
      out.push({
        name: `archives upload: ${totalMb} MB in ${label} (HTTP, resumable)`,
        figure: round(rate, 1),
        unit: 'MB/s',
        reference: round(cpRate, 1),
        referenceUnit: 'MB/s cp -r on the same disk',
        ratio: round(rate / cpRate, 2),
        target: '≥ 0.5 of the speed of cp (1 GB batch)',
        met: totalMb >= 1024 ? rate / cpRate >= 0.5 : null,
        notes:
          `${files} PDFs of ${fileMb} MB, ${inFlight} at a time, ${requests} PATCH of ${pieceMb} MB by ${client} (sign-in, CSRF, scope, ` +
          `offset check, piece streamed to the file store, checksum + page count as it arrives, audit); upload ${round(upS, 1)} s vs cp ` +
          `${round(cp, 2)} s; ${kept} scans kept; file store ${du} MB after; server CPU ${cpuMsPerMb} ms per MB` +
          (totalMb < 1024 ? `; met left open: ${totalMb} MB, not 1 GB` : ''),
        details: {
          seconds: round(upS, 2),
          cpSeconds: cpS.map((x) => round(x, 2)),
          requests,
          files,
          fileMb,
          pieceMb,
          client,
          inFlight,
          cpuMsPerMb,
        },
      });
    }

    // the ceiling: the same client and files against a bare node:http server writing each piece to a file
    await srv.stop();
    const bareRuns = [
      { hash: false, inFlight: 1 },
      { hash: true, inFlight: 1 },
      { hash: true, inFlight: 3 },
    ] as const;
    for (const { hash, inFlight } of bareRuns) {
      const dir = join(root, `bare-${hash}-${inFlight}`);
      mkdirSync(dir);
      const bare = await startServer(['--bare-upload', dir, ...(hash ? ['--hash'] : [])], {}, ctx.log);
      const size = fileMb * MB;
      const pieceMb = 8;
      let requests = 0;
      let next = 0;
      const cpu0 = processCpuMs(bare.pid);
      const a = performance.now();
      let upS: number;
      let cpuMsPerMb: number;
      try {
        await Promise.all(
          Array.from({ length: inFlight }, async () => {
            for (let i = next++; i < files; i = next++) {
              const path = join(src, `scan-${String(i).padStart(3, '0')}.pdf`);
              let offset = 0;
              while (offset < size) {
                const length = Math.min(pieceMb * MB, size - offset);
                const headers = { 'upload-offset': String(offset), 'upload-length': String(size) };
                const res = await viaHttpTo(`${bare.url}/u`, headers, path, offset, length);
                requests++;
                if (res.status !== 200) throw new Error(`bare PATCH: ${res.status} ${res.text}`);
                offset = (JSON.parse(res.text) as { offset: number }).offset;
              }
            }
          }),
        );
        upS = (performance.now() - a) / 1000;
        cpuMsPerMb = round((processCpuMs(bare.pid) - cpu0) / totalMb, 2);
      } finally {
        await bare.stop();
      }
      const rate = totalMb / upS;
      removeDir(dir);
      const label =
        `bare node:http to a file${hash ? ' + SHA-256' : ''}, ${pieceMb} MB pieces, ` +
        `${inFlight} file${inFlight > 1 ? 's' : ''} in flight`;
      ctx.log(
        `  ceiling ${label}: ${round(upS, 1)} s (${round(rate, 0)} MB/s), ${round(rate / cpRate, 2)} of cp; ` +
          `server CPU ${cpuMsPerMb} ms/MB`,
      );
      out.push({
        name: `archives upload ceiling: ${totalMb} MB to a ${label}`,
        figure: round(rate, 1),
        unit: 'MB/s',
        reference: round(cpRate, 1),
        referenceUnit: 'MB/s cp -r on the same disk',
        ratio: round(rate / cpRate, 2),
        target: 'reference (what any upload over HTTP in Node reaches on this machine)',
        met: null,
        notes:
          `no sign-in, no database, no checks: the bytes from the socket to a file per piece` +
          `${hash ? ', hashed' : ''}; ${requests} PATCH; the same client as the upload rows (http.request streamed); ` +
          `server CPU ${cpuMsPerMb} ms per MB`,
        details: { seconds: round(upS, 2), requests, files, fileMb, pieceMb, inFlight, hash, cpuMsPerMb },
      });
    }
    agent.destroy();
    return out;
  },
};
