import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../core/scope.js';
import { communeUserIds, ministryUserIds, provinceUserIds } from '../accounts/index.js';
import { unitEmail } from '../units/index.js';
import { officerUserIds } from './officers.js';
import { notifications } from './schema.js';
import { mailer, type MailMessage } from './mail.js';

/** The Ministry's desk that receives items (e-mail of the Ministry level). */
export const MINISTRY_DESK_EMAIL = 'pakn@moha.gov.vn';

export type Audience =
  | { kind: 'province'; provinceCode: string }
  | { kind: 'commune'; provinceCode: string; communeCode: string }
  | { kind: 'ministry' }
  | { kind: 'user'; userId: string };

export interface Notice {
  kind: string;
  entity: string;
  entityId: string;
  provinceCode: string;
  title: string;
  body?: string;
}

/**
 * Collects the notices of a change inside its transaction (rows in `notifications` commit with the
 * change) and sends the e-mails only after the commit: call `flush()` once the transaction is done.
 */
export class Notifier {
  private readonly mails: MailMessage[] = [];

  constructor(private readonly at: Date) {}

  async notify(tx: Db, audience: Audience, notice: Notice): Promise<void> {
    const recipients = await recipientsOf(tx, audience);
    if (recipients.length > 0) {
      await tx
        .insert(notifications)
        .values(recipients.map((userId) => ({ userId, ...notice, body: notice.body ?? null, createdAt: this.at })));
    }
    const to = await emailOf(tx, audience);
    if (to) this.mails.push({ to, subject: `[haicap] ${notice.title}`, text: notice.body ?? notice.title });
  }

  /** Sends the e-mails; a failing mail server never undoes a committed change. */
  async flush(): Promise<void> {
    for (const m of this.mails.splice(0)) {
      try {
        await mailer().send(m);
      } catch {
        // the notice is in the app already; e-mail is best effort
      }
    }
  }
}

/** Ministry users who are not serving as reinforcement officers: those who answer for the Ministry. */
async function recipientsOf(db: Db, a: Audience): Promise<string[]> {
  if (a.kind === 'user') return [a.userId];
  const rows =
    a.kind === 'ministry'
      ? await ministryUserIds(db, officerUserIds(db))
      : a.kind === 'province'
        ? await provinceUserIds(db, a.provinceCode)
        : await communeUserIds(db, a.provinceCode, a.communeCode);
  return rows.map((r) => r.id);
}

async function emailOf(db: Db, a: Audience): Promise<string | null> {
  if (a.kind === 'ministry') return MINISTRY_DESK_EMAIL;
  if (a.kind === 'user') return null;
  return unitEmail(db, a.kind === 'province' ? a.provinceCode : a.communeCode);
}

// ---------- reading ----------

export async function listNotifications(db: Db, actor: Actor, q: { unread?: boolean; before?: number; limit: number }) {
  const where = and(
    eq(notifications.userId, actor.id),
    q.unread ? isNull(notifications.readAt) : undefined,
    q.before ? lt(notifications.id, q.before) : undefined,
  );
  const [items, [unread]] = await Promise.all([
    db.select().from(notifications).where(where).orderBy(desc(notifications.id)).limit(q.limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt))),
  ]);
  return {
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      entity: n.entity,
      entityId: n.entityId,
      provinceCode: n.provinceCode,
      title: n.title,
      body: n.body,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    })),
    unread: unread?.n ?? 0,
  };
}

/** Marks the given notices (or all) of the signed-in user read. */
export async function markRead(db: Db, actor: Actor, ids: number[] | 'all', at: Date) {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        eq(notifications.userId, actor.id),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids.length ? ids : [-1]),
      ),
    )
    .returning({ id: notifications.id });
  return { marked: rows.length };
}
