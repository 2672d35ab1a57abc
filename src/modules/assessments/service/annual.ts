/** Annual ratings: proposed from the closed periods, changed with a reason, confirmed, published in the unit. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError, invalid, notFound, outOfScope } from '../../../core/errors.js';
import type { Actor, Place } from '../../../core/scope.js';
import { actionsAt, may, mustAt } from '../policy.js';
import { recordAudit } from '../../audit/index.js';
import { assignmentSpans, personNamesJoin, unitStaff, unitStaffCount } from '../../workforce/index.js';
import { annualRatings, assessmentPeriods, assessmentReviews, assessmentUnitYears } from '../schema.js';
import { BANDS, type AssessmentSettings, type Band } from '../domain/settings.js';
import { annualRating, bandAtLeast, monthsInYear, quotaCheck } from '../domain/scoring.js';
import { placeOf, conflict, ownOnly, loadPerson, loadUnit, dueDate } from './common.js';
import { settingsFor } from './settings.js';

/** People whose record sits in the unit now: the unit rates them, with the scores they bring from elsewhere. */
export async function unitPeople(db: Db, place: Place) {
  return unitStaff(db, place);
}

export function computeRating(
  s: AssessmentSettings,
  scores: (number | null)[],
  monthsWorked: number,
  monthsAbsent: number,
  sanctioned: boolean,
  maternityMonths = 0,
) {
  const r = annualRating(s, { periodScores: scores, monthsWorked, monthsAbsent, maternityMonths, sanctioned });
  return r.rated
    ? {
        average: r.average,
        scoredBand: r.scoredBand,
        band: r.band,
        caps: r.caps,
        notRatedReason: null,
        periodsScored: scores.filter((x) => x !== null).length,
      }
    : {
        average: r.average,
        scoredBand: null,
        band: null,
        caps: [],
        notRatedReason: r.reason,
        periodsScored: scores.filter((x) => x !== null).length,
      };
}

/**
 * Proposes the year's rating of everyone in the unit from their frozen period scores (wherever
 * they were earned), the months worked (from the assignment history), absences and sanctions
 * already recorded. Confirmed ratings are left as they are.
 */
export async function computeAnnual(db: Db, actor: Actor, unitCode: string, year: number) {
  const unit = await loadUnit(db, unitCode);
  mustAt('annual.rate', actor, unit);
  const s = await settingsFor(db, unit.provinceCode);
  return db.transaction(async (tx) => {
    const staff = await unitPeople(tx, unit);
    if (staff.length === 0) return { proposed: 0, confirmed: 0, notRated: 0 };
    const ids = staff.map((p) => p.id);
    const [scoresOf, spans, existing] = await Promise.all([
      frozenTotals(tx, ids, year),
      assignmentSpans(tx, ids),
      tx
        .select()
        .from(annualRatings)
        .where(
          and(
            eq(annualRatings.provinceCode, unit.provinceCode),
            inArray(annualRatings.personId, ids),
            eq(annualRatings.year, year),
          ),
        )
        .for('update'),
    ]);
    const spansOf = new Map<string, { start: string; end: string | null }[]>();
    for (const a of spans)
      spansOf.set(a.personId, [...(spansOf.get(a.personId) ?? []), { start: a.start, end: a.end }]);
    const existingOf = new Map(existing.map((e) => [e.personId, e]));
    let proposed = 0;
    let confirmed = 0;
    let notRated = 0;
    for (const p of staff) {
      const prior = existingOf.get(p.id);
      if (prior?.status === 'confirmed') {
        confirmed++;
        continue;
      }
      const monthsWorked = monthsInYear(year, spansOf.get(p.id) ?? []);
      // Someone who did not serve at all in the year (left before it began) is not on the year's list.
      if (monthsWorked === 0 && !prior) continue;
      const values = computeRating(
        s,
        scoresOf.get(p.id) ?? [],
        monthsWorked,
        prior?.monthsAbsent ?? 0,
        prior?.sanctioned ?? false,
        prior?.maternityMonths ?? 0,
      );
      // A lowered band stays lowered if still below the scored one.
      const band =
        prior?.loweredReason && prior.band && values.band && !bandAtLeast(prior.band, values.band)
          ? prior.band
          : values.band;
      const row = { ...values, band, monthsWorked, unitCode: unit.unitCode };
      if (values.band === null) notRated++;
      if (prior)
        await tx
          .update(annualRatings)
          .set({ ...row, loweredReason: band === prior.band ? prior.loweredReason : null, version: prior.version + 1 })
          .where(
            and(
              eq(annualRatings.provinceCode, unit.provinceCode),
              eq(annualRatings.id, prior.id),
              eq(annualRatings.status, 'proposed'),
            ),
          );
      // A rating another compute has just written stays as it is.
      else
        await tx
          .insert(annualRatings)
          .values({ ...row, provinceCode: unit.provinceCode, personId: p.id, year })
          .onConflictDoNothing();
      proposed++;
    }
    await recordAudit(tx, actor, {
      action: 'compute_annual',
      entity: 'unit',
      entityId: unitCode,
      provinceCode: unit.provinceCode,
      unitCode,
      after: { year, proposed, confirmed, notRated },
    });
    return { proposed, confirmed, notRated };
  });
}

export async function loadRating(tx: Db, id: string) {
  const [r] = await tx.select().from(annualRatings).where(eq(annualRatings.id, id)).for('update');
  if (!r) throw notFound('annual_rating', { code: id });
  return r;
}

/** The frozen totals of the year's closed periods of these people, wherever they were earned (the scores follow the person). */
export async function frozenTotals(tx: Db, personIds: string[], year: number): Promise<Map<string, (number | null)[]>> {
  const rows = await tx
    .select({
      personId: assessmentReviews.personId,
      total: sql<number | null>`(${assessmentReviews.frozen} ->> 'total')::float8`,
    })
    .from(assessmentReviews)
    .innerJoin(
      assessmentPeriods,
      and(
        eq(assessmentPeriods.provinceCode, assessmentReviews.provinceCode),
        eq(assessmentPeriods.id, assessmentReviews.periodId),
      ),
    )
    .where(
      and(
        inArray(assessmentReviews.personId, personIds),
        eq(assessmentPeriods.year, year),
        eq(assessmentPeriods.status, 'closed'),
      ),
    );
  const out = new Map<string, (number | null)[]>();
  for (const r of rows) out.set(r.personId, [...(out.get(r.personId) ?? []), r.total]);
  return out;
}

/** Records absence and sanctions, or lowers the band with a reason; the rating is computed again. */
export async function updateRating(
  db: Db,
  actor: Actor,
  id: string,
  input: {
    monthsAbsent?: number;
    /** months of maternity leave (Decree 48/2023): recorded apart from absence */
    maternityMonths?: number;
    sanctioned?: boolean;
    sanctionNote?: string | null;
    band?: Band;
    loweredReason?: string | null;
    version?: number;
  },
) {
  return db.transaction(async (tx) => {
    const r = await loadRating(tx, id);
    mustAt('annual.rate', actor, placeOf(r));
    if (r.status === 'confirmed') throw new AppError(409, 'rating_confirmed', 'rating_confirmed');
    if (input.version !== undefined && input.version !== r.version) throw conflict();
    const s = await settingsFor(tx, r.provinceCode);
    const totals = (await frozenTotals(tx, [r.personId], r.year)).get(r.personId) ?? [];
    const monthsAbsent = input.monthsAbsent ?? r.monthsAbsent;
    const maternityMonths = input.maternityMonths ?? r.maternityMonths;
    // Leave of both kinds is within the months served (from the assignment history).
    if (monthsAbsent + maternityMonths > r.monthsWorked + 1e-9)
      throw invalid(
        input.maternityMonths !== undefined ? 'maternityMonths' : 'monthsAbsent',
        'leave_over_months_worked',
        {
          absent: monthsAbsent,
          maternity: maternityMonths,
          worked: r.monthsWorked,
        },
      );
    const sanctioned = input.sanctioned ?? r.sanctioned;
    const values = computeRating(s, totals, r.monthsWorked, monthsAbsent, sanctioned, maternityMonths);
    let band = values.band;
    let loweredReason: string | null = null;
    // A band lowered before stays lowered while it is still below the computed one.
    if (!input.band && r.loweredReason && r.band && values.band && !bandAtLeast(r.band, values.band)) {
      band = r.band;
      loweredReason = r.loweredReason;
    }
    if (input.band && values.band) {
      if (!bandAtLeast(values.band, input.band)) throw invalid('band', 'band_raise_refused', { band: values.band });
      if (input.band !== values.band) {
        if (!input.loweredReason?.trim()) throw invalid('loweredReason', 'required', { field: 'loweredReason' });
        band = input.band;
        loweredReason = input.loweredReason.trim();
      }
    }
    const [u] = await tx
      .update(annualRatings)
      .set({
        ...values,
        band,
        loweredReason,
        monthsAbsent,
        maternityMonths,
        sanctioned,
        sanctionNote: input.sanctionNote !== undefined ? input.sanctionNote : r.sanctionNote,
        version: r.version + 1,
      })
      .where(and(eq(annualRatings.provinceCode, r.provinceCode), eq(annualRatings.id, id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'annual_rating',
      entityId: id,
      provinceCode: r.provinceCode,
      unitCode: r.unitCode,
      before: {
        band: r.band,
        monthsAbsent: r.monthsAbsent,
        maternityMonths: r.maternityMonths,
        sanctioned: r.sanctioned,
      },
      after: { band, monthsAbsent, maternityMonths, sanctioned, loweredReason },
    });
    return u!;
  });
}

export async function confirmRating(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const r = await loadRating(tx, id);
    mustAt('annual.rate', actor, placeOf(r));
    if (r.status === 'confirmed') return r;
    const [u] = await tx
      .update(annualRatings)
      .set({ status: 'confirmed', confirmedBy: actor.username, confirmedAt: new Date(), version: r.version + 1 })
      .where(and(eq(annualRatings.provinceCode, r.provinceCode), eq(annualRatings.id, id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'confirm',
      entity: 'annual_rating',
      entityId: id,
      provinceCode: r.provinceCode,
      unitCode: r.unitCode,
      after: { band: r.band, year: r.year },
    });
    return u!;
  });
}

/** The unit's annual classification list with the distribution of bands against the excellent quota. */
export async function unitAnnual(db: Db, actor: Actor, unitCode: string, year: number) {
  const unit = await loadUnit(db, unitCode);
  const own = ownOnly(actor);
  const [uy] = await db
    .select()
    .from(assessmentUnitYears)
    .where(
      and(
        eq(assessmentUnitYears.provinceCode, unit.provinceCode),
        eq(assessmentUnitYears.unitCode, unitCode),
        eq(assessmentUnitYears.year, year),
      ),
    );
  // Staff see their unit's list once it has been published inside the unit (Law 80/2025 Art. 26).
  if (
    own
      ? !(uy?.publishedAt && (await loadPerson(db, actor.personId!)).unitCode === unitCode)
      : !may('annual.read', actor, { place: unit })
  )
    throw outOfScope(unitCode);
  const s = await settingsFor(db, unit.provinceCode);
  const names = personNamesJoin(db);
  const rows = await db
    .select({ r: annualRatings, fullName: names.fullName, category: names.category })
    .from(annualRatings)
    .leftJoin(names, eq(names.id, annualRatings.personId))
    .where(
      and(
        eq(annualRatings.provinceCode, unit.provinceCode),
        eq(annualRatings.unitCode, unitCode),
        eq(annualRatings.year, year),
      ),
    );
  rows.sort(
    (a, b) =>
      BANDS.indexOf(a.r.band ?? 'not_completed') - BANDS.indexOf(b.r.band ?? 'not_completed') ||
      (a.fullName ?? '').localeCompare(b.fullName ?? '', 'vi'),
  );
  const bands = rows.map((x) => x.r.band).filter((b): b is Band => !!b);
  const quota = quotaCheck(s, bands, uy?.outstanding ?? false);
  const staff = await unitStaffCount(db, { provinceCode: unit.provinceCode, unitCode });
  return {
    unit: {
      code: unit.code,
      name: unit.name,
      provinceCode: unit.provinceCode,
      provinceName: unit.provinceName,
      level: unit.level,
    },
    year,
    due: dueDate(s, year),
    staff,
    outstanding: uy?.outstanding ?? false,
    publishedAt: uy?.publishedAt ?? null,
    quota,
    notRated: rows.filter((x) => !x.r.band).length,
    confirmed: rows.filter((x) => x.r.status === 'confirmed').length,
    items: rows.map((x) => ({ ...x.r, fullName: x.fullName, category: x.category })),
    actions: actionsAt(['annual.rate'], actor, { place: unit }),
  };
}

/** Publishes the unit's results inside the unit (and marks whether it is recognised as outstanding). */
export async function publishUnitYear(
  db: Db,
  actor: Actor,
  unitCode: string,
  year: number,
  input: { outstanding?: boolean; publish?: boolean },
) {
  const unit = await loadUnit(db, unitCode);
  mustAt('annual.rate', actor, unit);
  return db.transaction(async (tx) => {
    const set: Partial<typeof assessmentUnitYears.$inferInsert> = {};
    if (input.outstanding !== undefined) set.outstanding = input.outstanding;
    if (input.publish) Object.assign(set, { publishedAt: new Date(), publishedBy: actor.username });
    await tx
      .insert(assessmentUnitYears)
      .values({ provinceCode: unit.provinceCode, unitCode, year, ...set })
      .onConflictDoUpdate({
        target: [assessmentUnitYears.provinceCode, assessmentUnitYears.unitCode, assessmentUnitYears.year],
        set: Object.keys(set).length ? set : { year },
      });
    await recordAudit(tx, actor, {
      action: input.publish ? 'publish' : 'update',
      entity: 'assessment_unit_year',
      entityId: `${unitCode}/${year}`,
      provinceCode: unit.provinceCode,
      unitCode,
      after: input,
    });
    return { unitCode, year, ...input };
  });
}
