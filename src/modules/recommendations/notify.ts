import { and, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../core/scope.js';
import { communeUserIds, ministryUserIds, provinceUserIds, unitsUserIds } from '../accounts/index.js';
import { unitEmail, unitEmails } from '../units/index.js';
import { bulkInsert } from '../../db/bulk.js';
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

/**
 * Notices to many units at once (communes, or a province for its own staff): every user's notification in one
 * statement, whatever the number of units, and the e-mails to send after the commit (`sendMails`).
 */
export async function notifyUnits(
  tx: Db,
  items: { provinceCode: string; unitCode: string; notice: Notice }[],
  at: Date,
): Promise<MailMessage[]> {
  const byUnit = new Map(items.map((i) => [i.unitCode, i]));
  const users = await unitsUserIds(tx, items);
  const rows = users.map((u) => {
    const n = byUnit.get(u.unitCode)!.notice;
    return {
      user_id: u.id,
      province_code: n.provinceCode,
      kind: n.kind,
      entity: n.entity,
      entity_id: n.entityId,
      title: n.title,
      body: n.body ?? null,
      created_at: at.toISOString(),
    };
  });
  await bulkInsert(
    tx,
    'notifications',
    {
      user_id: 'uuid',
      province_code: 'text',
      kind: 'text',
      entity: 'text',
      entity_id: 'text',
      title: 'text',
      body: 'text',
      created_at: 'timestamptz',
    },
    rows,
  );
  const emails = await unitEmails(
    tx,
    items.map((i) => i.unitCode),
  );
  return items.flatMap((i) => {
    const to = emails.get(i.unitCode);
    return to ? [{ to, subject: `[haicap] ${i.notice.title}`, text: i.notice.body ?? i.notice.title }] : [];
  });
}

/** Sends e-mails after a commit; a failing mail server never undoes a committed change. */
export async function sendMails(mails: MailMessage[]): Promise<void> {
  for (const m of mails) {
    try {
      await mailer().send(m);
    } catch {
      // the notice is in the app already; e-mail is best effort
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
