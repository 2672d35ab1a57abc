// The steps of an item (forward, answer, ask for information, reopen, accept…), each audited and told to whom it concerns.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, forbidden, invalid, outOfScope } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import { mayRead, mayStep } from '../policy.js';
import { recordAudit } from '../../audit/index.js';
import { receivedOn } from '../../../core/calendar/deadline.js';
import type { DeadlineClock } from '../../../core/clock.js';
import { searchKey } from '../../../core/text.js';
import { actsAsOfficer } from '../officers.js';
import { recommendationEvents, recommendations } from '../schema.js';
import {
  ACTOR_OF,
  allowedActions,
  levelAfter,
  nextStatus,
  startsClock,
  type Action,
  type Level,
  type Status,
} from '../domain/lifecycle.js';
import { answerDueDate, isLate } from '../domain/deadline.js';
import { Notifier } from '../notify.js';
import {
  type Row,
  channelCalendar,
  loadSettings,
  settingFor,
  askerAudience,
  holderAudience,
  present,
  actionsFor,
  load,
} from './common.js';

export interface ActInput {
  action: Action;
  /** answer: the answer; others: the note (required to send back or reopen) */
  note?: string;
  answer?: string;
  /** answer: the legal basis it cites (required) */
  legalBasis?: string;
  version?: number;
}

export async function actOnRecommendation(db: Db, actor: Actor, id: string, input: ActInput, clock: DeadlineClock) {
  const now = clock.now();
  const today = clock.localDate(now);
  const cal = channelCalendar();
  const notifier = new Notifier(now);
  const officer = await actsAsOfficer(db, actor);
  const result = await db.transaction(async (tx) => {
    const r = await load(tx, id, true);
    if (!mayRead(actor, r)) throw outOfScope(r.unitCode);
    const who = ACTOR_OF[input.action];
    if (!who) throw invalid('action');
    if (!mayStep(input.action, actor, r, officer)) throw forbidden();
    if (input.version !== undefined && input.version !== r.version)
      throw new AppError(409, 'version_conflict', 'record_version_conflict');
    const from = r.status as Status;
    const level = r.level as Level;
    const to = nextStatus(from, input.action, level);
    if (!to)
      throw new AppError(
        409,
        'illegal_transition',
        'recommendation_illegal_transition',
        { action: input.action, status: from, allowed: allowedActions(from, level).join(', ') || '—' },
        'action',
      );
    if (input.action === 'answer') {
      if (!input.answer?.trim()) throw invalid('answer', 'required', { field: 'answer' });
      if (!input.legalBasis?.trim()) throw invalid('legalBasis', 'required', { field: 'legalBasis' });
    }
    if (
      (input.action === 'request_info' || input.action === 'reopen' || input.action === 'provide_info') &&
      !input.note?.trim()
    )
      throw invalid('note', 'required', { field: 'note' });

    const newLevel = levelAfter(input.action, level, (r.answeredLevel as Level | null) ?? null);
    const patch: Partial<Row> = { status: to, level: newLevel, version: r.version + 1, updatedAt: now };
    if (startsClock(input.action)) {
      const setting = settingFor(await loadSettings(tx), r.field, newLevel, r.provinceCode);
      Object.assign(patch, {
        arrivedOn: receivedOn(now, cal),
        workingDays: setting.answerWorkingDays,
        dueDate: answerDueDate(now, setting.answerWorkingDays, cal),
        warnedForDue: null,
      });
    }
    switch (input.action) {
      case 'answer':
        Object.assign(patch, {
          answer: input.answer!.trim(),
          answerLegalBasis: input.legalBasis!.trim(),
          answeredLevel: level,
          answeredBy: actor.username,
          answeredAt: now,
          answeredOn: today,
          answerWorkingDays: Math.max(0, cal.workingDaysBetween(r.arrivedOn, today)),
          answeredLate: isLate(today, r.dueDate),
        });
        break;
      case 'request_info':
        Object.assign(patch, { dueDate: null, infoRequestCount: r.infoRequestCount + 1 });
        break;
      case 'provide_info':
        patch.content = `${r.content}\n\n— Bổ sung ${today}: ${input.note!.trim()}`;
        patch.searchKey = searchKey(`${r.title} ${patch.content} ${r.legalBasis ?? ''}`);
        break;
      case 'reopen':
        patch.reopenCount = r.reopenCount + 1;
        break;
      case 'accept':
        patch.closedAt = now;
        break;
      default:
        break;
    }
    const [updated] = await tx
      .update(recommendations)
      .set(patch)
      .where(and(eq(recommendations.provinceCode, r.provinceCode), eq(recommendations.id, r.id)))
      .returning();
    const note = input.action === 'answer' ? input.answer!.trim() : (input.note?.trim() ?? null);
    await tx.insert(recommendationEvents).values({
      provinceCode: r.provinceCode,
      recommendationId: r.id,
      at: now,
      actorUsername: actor.username,
      action: input.action,
      fromStatus: from,
      toStatus: to,
      level: newLevel,
      note,
    });
    await recordAudit(tx, actor, {
      action: input.action,
      entity: 'recommendation',
      entityId: r.id,
      provinceCode: r.provinceCode,
      unitCode: r.unitCode,
      before: { status: from, level, dueDate: r.dueDate },
      after: {
        status: to,
        level: newLevel,
        dueDate: updated!.dueDate,
        note,
        legalBasis: input.action === 'answer' ? input.legalBasis!.trim() : undefined,
      },
    });
    const title = `${r.code}: ${r.title}`;
    const base = { entity: 'recommendation', entityId: r.id, provinceCode: r.provinceCode };
    switch (input.action) {
      case 'forward':
      case 'provide_info':
      case 'reopen':
        await notifier.notify(tx, holderAudience(newLevel, r.provinceCode), {
          ...base,
          kind: `recommendation_${input.action === 'forward' ? 'arrived' : input.action === 'reopen' ? 'reopened' : 'info_provided'}`,
          title,
          body: `Hạn trả lời ${updated!.dueDate}.`,
        });
        break;
      case 'answer':
        await notifier.notify(tx, askerAudience(r), {
          ...base,
          kind: 'recommendation_answered',
          title,
          body: `${input.answer!.trim()}\nCăn cứ: ${input.legalBasis!.trim()}`,
        });
        // A commune's item answered by the Ministry: its province, which forwarded it, is told too.
        if (level === 'ministry' && r.askerKind === 'commune')
          await notifier.notify(
            tx,
            { kind: 'province', provinceCode: r.provinceCode },
            { ...base, kind: 'recommendation_answered', title },
          );
        break;
      case 'request_info':
        await notifier.notify(tx, askerAudience(r), {
          ...base,
          kind: 'recommendation_info_requested',
          title,
          body: input.note!.trim(),
        });
        break;
      case 'accept':
        await notifier.notify(tx, holderAudience(level, r.provinceCode), {
          ...base,
          kind: 'recommendation_accepted',
          title,
        });
        break;
    }
    return updated!;
  });
  await notifier.flush();
  return present(result, today, cal, actionsFor(actor, result, officer));
}
