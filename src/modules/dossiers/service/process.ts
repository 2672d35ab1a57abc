/** The internal process a procedure is worked by in a province: the province's newest version, else the national default. */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { AppError } from '../../../core/errors.js';
import { type Actor } from '../../../core/scope.js';
import { mayAt } from '../policy.js';
import { forbidden } from '../../../core/errors.js';
import { recordAudit } from '../../audit/index.js';
import { procedureProcesses } from '../schema.js';
import { NATIONAL_PROCESSES, processKindOf, processProblem, type ProcessStep } from '../domain/internal-process.js';
import { procedureFor } from './procedures.js';

export interface ProcedureProcess {
  procedureCode: string;
  provinceCode: string;
  kind: ReturnType<typeof processKindOf>;
  /** 'national': the default of its kind; 'province': the province's own version */
  source: 'national' | 'province';
  version: number;
  steps: ProcessStep[];
  changedAt: string | null;
  changedBy: string | null;
}

/** The process in force for a procedure in a province. */
export async function processFor(db: Db, provinceCode: string, procedureCode: string, workingDays: number) {
  const [own] = await db
    .select()
    .from(procedureProcesses)
    .where(and(eq(procedureProcesses.provinceCode, provinceCode), eq(procedureProcesses.procedureCode, procedureCode)))
    .orderBy(desc(procedureProcesses.version))
    .limit(1);
  const kind = processKindOf(workingDays);
  return {
    procedureCode,
    provinceCode,
    kind,
    source: own ? 'province' : 'national',
    version: own?.version ?? 0,
    steps: (own?.steps as ProcessStep[] | undefined) ?? NATIONAL_PROCESSES[kind],
    changedAt: own?.createdAt.toISOString() ?? null,
    changedBy: own?.createdBy ?? null,
  } satisfies ProcedureProcess;
}

export async function getProcedureProcess(db: Db, provinceCode: string, procedureCode: string, today: string) {
  const proc = await procedureFor(db, provinceCode, procedureCode, today);
  return processFor(db, provinceCode, proc.code, proc.workingDays);
}

/**
 * A province adjusts the internal process of one of its procedures: a new version (the earlier ones stay, and so do
 * the dossiers received under them). `version`: the one the editor saw (409 when another was saved meanwhile).
 */
export async function setProcedureProcess(
  db: Db,
  actor: Actor,
  provinceCode: string,
  procedureCode: string,
  input: { steps: ProcessStep[]; version?: number },
  today: string,
) {
  if (!mayAt('adjust_procedure', actor, { provinceCode, unitCode: provinceCode })) throw forbidden();
  const problem = processProblem(input.steps);
  if (problem)
    throw new AppError(400, 'invalid_process', `process_${problem.problem}`, { step: problem.step ?? '' }, 'steps');
  const current = await getProcedureProcess(db, provinceCode, procedureCode, today);
  if (input.version !== undefined && input.version !== current.version)
    throw new AppError(409, 'version_conflict', 'version_conflict');
  const version = current.version + 1;
  await db.transaction(async (tx) => {
    await tx.insert(procedureProcesses).values({
      provinceCode,
      procedureCode: current.procedureCode,
      version,
      steps: input.steps,
      createdBy: actor.username,
    });
    await recordAudit(tx, actor, {
      action: 'adjust_process',
      entity: 'procedure',
      entityId: current.procedureCode,
      provinceCode,
      unitCode: provinceCode,
      before: { version: current.version, steps: current.steps },
      after: { version, steps: input.steps },
    });
  });
  return getProcedureProcess(db, provinceCode, procedureCode, today);
}
