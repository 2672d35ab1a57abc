import postgres from 'postgres';

/** Runs `work` on a connection to the server's maintenance database (CREATE/DROP DATABASE cannot run inside the one at hand). */
export async function withServer(url: string, work: (q: postgres.Sql) => Promise<void>) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const q = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    await work(q);
  } finally {
    await q.end();
  }
}
