/**
 * The calculator of "what will my score be": the period score and the year's rating from what the caller enters,
 * with the settings of the caller's province (national ones for the Ministry). Nothing is read but the settings and
 * nothing is stored.
 */
import type { Db } from '../../../db/client.js';
import { forbidden, invalid } from '../../../core/errors.js';
import type { Actor } from '../../../core/scope.js';
import { may } from '../policy.js';
import { annualRating, monthsInYear, periodScore, type ScoredTask } from '../domain/scoring.js';
import type { CalculateAnnualBody, CalculateBody } from '../contract.js';
import { settingsFor } from './settings.js';

async function callerSettings(db: Db, actor: Actor) {
  // Every account may read the settings that apply to it (policy.ts): the calculator shows no more than that.
  if (!may('settings.read', actor)) throw forbidden();
  return settingsFor(db, actor.provinceCode);
}

export async function calculateScore(db: Db, actor: Actor, input: CalculateBody) {
  const s = await callerSettings(db, actor);
  const tasks: ScoredTask[] = input.tasks.map((t, i) => {
    if (!s.productKinds.some((k) => k.code === t.productKind))
      throw invalid(`tasks.${i}.productKind`, 'invalid_value', { detail: t.productKind });
    const accepted = t.products.filter((p) => p.accepted);
    return {
      productKind: t.productKind,
      quantity: t.quantity,
      weight: t.weight ?? 1,
      delivered: accepted.length,
      majorErrors: accepted.reduce((a, p) => a + p.majorErrors, 0),
      delays: accepted.reduce((a, p) => a + p.delays, 0),
      exemption: 'none',
      products: t.products,
    };
  });
  const leader = input.leader
    ? {
        allSubordinatesCompleted: input.leader.unitResults >= 100,
        unitPercent: input.leader.unitResults,
        organisationPercent: input.leader.organisation,
      }
    : undefined;
  const p = periodScore(s, { tasks, general: input.general, leader });
  const r = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
  return {
    total: p.total,
    band: p.band,
    parts: {
      general: p.general,
      quantity: r(p.task.quantity),
      quality: r(p.task.quality),
      timeliness: r(p.task.timeliness),
      taskPercent: p.taskPercent,
      taskPoints: p.taskPoints,
    },
  };
}

export async function calculateAnnual(db: Db, actor: Actor, input: CalculateAnnualBody) {
  const s = await callerSettings(db, actor);
  input.served.forEach((x, i) => {
    if (x.to !== null && x.to < x.from) throw invalid(`served.${i}.to`, 'invalid_value', { detail: `≥ ${x.from}` });
  });
  const monthsWorked = monthsInYear(
    input.year,
    input.served.map((x) => ({ start: x.from, end: x.to })),
  );
  const a = annualRating(s, {
    periodScores: input.periodScores,
    monthsWorked,
    monthsAbsent: input.monthsAbsent ?? 0,
    maternityMonths: input.maternityMonths ?? 0,
    sanctioned: input.sanctioned ?? false,
  });
  if (!a.rated) return { average: a.average, band: null, monthsWorked, reason: a.reason };
  const reason = a.caps.includes('sanction')
    ? 'capped_sanction'
    : a.caps.includes('absence')
      ? 'capped_absence'
      : 'rated';
  return { average: a.average, band: a.band, monthsWorked, reason } as const;
}
