// What the reinforcement service's sections share: who may act, a phase loaded and sent, a visit as sent.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, invalid, notFound } from '../../../core/errors.js';
import { scopeOf, type Actor } from '../../../core/scope.js';
import { may, REINFORCEMENT_POLICY } from '../policy.js';
import { unitNamedPlace } from '../../units/index.js';
import { itemsOfVisit } from '../../recommendations/index.js';
import { actsAsOfficer } from '../../recommendations/index.js';
import { reinforcementOfficers, reinforcementPhases, reinforcementVisits } from '../schema.js';

export type Phase = typeof reinforcementPhases.$inferSelect;

// ---------- who may ----------

/** The Ministry's support group: Ministry users not serving in the field, and administrators. */
export async function isSupportGroup(db: Db, actor: Actor) {
  return may('manage_phases', actor, { officer: await actsAsOfficer(db, actor) });
}

/** Reading officers' work: the country sees all, a province its own; a commune only visits to it. */
export function provinceFilter(actor: Actor): string | null | 'none' {
  // A staff account reads no officer's work (the policy's read_visit does not hold it).
  if (!REINFORCEMENT_POLICY.read_visit.roles.includes(actor.role)) return 'none';
  const s = scopeOf(actor);
  if (s.kind === 'country') return null;
  if (s.kind === 'province') return s.provinceCode;
  return 'none';
}

export async function loadPhase(db: Db, id: string): Promise<Phase> {
  const [p] = await db.select().from(reinforcementPhases).where(eq(reinforcementPhases.id, id));
  if (!p) throw notFound('phase', { code: id });
  return p;
}

/** The actor's own assignment in a phase: officers write only their own schedules, visits and reports. */
export async function ownAssignment(db: Db, actor: Actor, phaseId: string) {
  const [a] = await db
    .select()
    .from(reinforcementOfficers)
    .where(and(eq(reinforcementOfficers.phaseId, phaseId), eq(reinforcementOfficers.userId, actor.id)));
  if (!a || !may('field_work', actor))
    throw new AppError(403, 'officer_not_assigned', 'officer_not_assigned', { province: '—' });
  return a;
}

export async function communeIn(db: Db, code: string, provinceCode: string, field: string) {
  const u = await unitNamedPlace(db, code);
  if (!u || u.level !== 'commune') throw invalid(field, 'invalid_value', { detail: code });
  if (u.provinceCode !== provinceCode)
    throw new AppError(
      400,
      'commune_not_in_province',
      'commune_not_in_province',
      { code, province: provinceCode },
      field,
    );
  return u;
}

// ---------- phases and officers ----------

export const presentPhase = (p: Phase) => ({
  id: p.id,
  name: p.name,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
  copiedFrom: p.copiedFrom,
  note: p.note,
});

export type VisitRow = typeof reinforcementVisits.$inferSelect;

export function presentVisit(
  v: VisitRow,
  items: { id: string; code: string; title: string; status: string; field: string }[] = [],
) {
  return {
    id: v.id,
    phaseId: v.phaseId,
    provinceCode: v.provinceCode,
    username: v.username,
    communeCode: v.communeCode,
    visitedOn: v.visitedOn,
    metWith: v.metWith,
    findings: v.findings,
    resolved: v.resolved,
    photos: v.photos.map((p) => ({
      name: p.name,
      contentType: p.contentType,
      sizeBytes: p.sizeBytes,
      sha256: p.sha256,
    })),
    clientRef: v.clientRef,
    createdAt: v.createdAt.toISOString(),
    items,
  };
}

export async function visitItems(db: Db, v: Pick<VisitRow, 'provinceCode' | 'id'>) {
  return itemsOfVisit(db, v.provinceCode, v.id);
}
