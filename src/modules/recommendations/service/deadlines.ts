// Deadlines: the items soon due or late, and the warnings sent before the time runs out.
import { and, asc, eq, gte, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { type Actor } from '../../../core/scope.js';
import { addDays } from '../../../core/calendar/dates.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { actsAsOfficer } from '../officers.js';
import { recommendations } from '../schema.js';
import { type Level } from '../domain/lifecycle.js';
import { isDueSoon, isLate, workingDaysLeft } from '../domain/deadline.js';
import { Notifier } from '../notify.js';
import { channelCalendar, loadSettings, settingFor, scopeSql, holderAudience, present, actionsFor } from './common.js';

/** Items held at the actor's level whose answer time runs out soon, and those already late. */
export async function dueSoon(db: Db, actor: Actor, clock: DeadlineClock, q: { level?: Level }) {
  const today = clock.localDate(clock.now());
  const cal = channelCalendar();
  const level =
    q.level ??
    (actor.role === 'province'
      ? 'province'
      : actor.role === 'ministry' || actor.role === 'admin'
        ? 'ministry'
        : undefined);
  const rows = await db
    .select()
    .from(recommendations)
    .where(
      and(
        scopeSql(actor),
        eq(recommendations.status, 'pending'),
        isNotNull(recommendations.dueDate),
        level ? eq(recommendations.level, level) : undefined,
        lte(recommendations.dueDate, addDays(today, 30)),
      ),
    )
    .orderBy(asc(recommendations.dueDate))
    .limit(2000);
  const settings = await loadSettings(db);
  const officer = await actsAsOfficer(db, actor);
  const soon = rows.filter((r) =>
    isDueSoon(today, r.dueDate, settingFor(settings, r.field, r.level as Level, r.provinceCode).warnWorkingDays, cal),
  );
  const late = rows.filter((r) => isLate(today, r.dueDate));
  return {
    today,
    dueSoon: soon.map((r) => present(r, today, cal, actionsFor(actor, r, officer))),
    overdue: late.map((r) => present(r, today, cal, actionsFor(actor, r, officer))),
  };
}

/**
 * Warns the holders of items whose time limit runs out soon: one notice (and e-mail) per deadline.
 * Run hourly by the routes' timer, and on demand by the Ministry.
 */
export async function sendDeadlineWarnings(db: Db, clock: DeadlineClock): Promise<{ warned: number }> {
  const now = clock.now();
  const today = clock.localDate(now);
  const cal = channelCalendar();
  const settings = await loadSettings(db);
  const rows = await db
    .select()
    .from(recommendations)
    .where(
      and(
        eq(recommendations.status, 'pending'),
        gte(recommendations.dueDate, today),
        lte(recommendations.dueDate, addDays(today, 30)),
        or(isNull(recommendations.warnedForDue), sql`${recommendations.warnedForDue} <> ${recommendations.dueDate}`),
      ),
    )
    .limit(5000);
  const due = rows.filter((r) =>
    isDueSoon(today, r.dueDate, settingFor(settings, r.field, r.level as Level, r.provinceCode).warnWorkingDays, cal),
  );
  const notifier = new Notifier(now);
  await db.transaction(async (tx) => {
    for (const r of due) {
      await tx
        .update(recommendations)
        .set({ warnedForDue: r.dueDate })
        .where(and(eq(recommendations.provinceCode, r.provinceCode), eq(recommendations.id, r.id)));
      await notifier.notify(tx, holderAudience(r.level as Level, r.provinceCode), {
        kind: 'recommendation_due_soon',
        entity: 'recommendation',
        entityId: r.id,
        provinceCode: r.provinceCode,
        title: `${r.code}: ${r.title}`,
        body: `Sắp hết hạn trả lời: ${r.dueDate} (còn ${workingDaysLeft(today, r.dueDate!, cal)} ngày làm việc).`,
      });
    }
  });
  await notifier.flush();
  return { warned: due.length };
}
