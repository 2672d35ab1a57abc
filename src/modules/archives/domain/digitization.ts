/**
 * Digitizing archival records: a unit's yearly plan (files and pages of a fonds and retention), carried out in
 * batches that move through four stages. The metadata of a digitized document follow the Ministry's input standard
 * for digitized archival records (Circular 02/2019/TT-BNV; the legal brief, item 8): fonds, file code, document
 * number and symbol, date, issuing body, summary, page count, retention, access restrictions.
 */
export const BATCH_STAGES = ['scanning', 'scanned', 'checked', 'described', 'published'] as const;
export type BatchStage = (typeof BATCH_STAGES)[number];

export const BATCH_ACTIONS = ['finish_scanning', 'check', 'describe', 'publish'] as const;
export type BatchAction = (typeof BATCH_ACTIONS)[number];

const STEP: Record<BatchAction, [BatchStage, BatchStage]> = {
  finish_scanning: ['scanning', 'scanned'],
  check: ['scanned', 'checked'],
  describe: ['checked', 'described'],
  publish: ['described', 'published'],
};

export const allowedBatchActions = (stage: BatchStage): BatchAction[] =>
  BATCH_ACTIONS.filter((a) => STEP[a][0] === stage);

/** The stage after the action, or why not: scanning ends with scans; a batch is described when every scan is. */
export function nextBatchStage(
  stage: BatchStage,
  action: BatchAction,
  counts: { scans: number; describedScans: number; descriptions: number },
): BatchStage | 'illegal' | 'no_scans' | 'not_described' {
  const [from, to] = STEP[action];
  if (stage !== from) return 'illegal';
  if (action === 'finish_scanning' && counts.scans === 0) return 'no_scans';
  if (action === 'describe' && (counts.descriptions === 0 || counts.describedScans < counts.scans))
    return 'not_described';
  return to;
}

/** The stages reached by a batch in `stage` (a published batch counts as scanned, checked and described too). */
export const stagesReached = (stage: BatchStage): BatchStage[] =>
  BATCH_STAGES.slice(1, BATCH_STAGES.indexOf(stage) + 1);

export const RETENTIONS = ['permanent', 'fixed_term'] as const;
export const ACCESS = ['open', 'restricted'] as const;

export interface Description {
  fonds: string;
  fileCode: string;
  docNumber: string;
  docSymbol: string;
  docDate: string;
  issuingBody: string;
  summary: string;
  pageCount: number;
  retention: string;
  access: string;
}

export const DESCRIPTION_COLUMNS: (keyof Description)[] = [
  'fonds',
  'fileCode',
  'docNumber',
  'docSymbol',
  'docDate',
  'issuingBody',
  'summary',
  'pageCount',
  'retention',
  'access',
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (d: string) => ISO_DATE.test(d) && !Number.isNaN(Date.parse(d + 'T00:00:00Z'));

/**
 * What is wrong with a description (field → detail). Number and symbol may be empty (minutes and lists have none);
 * the rest is required. The date is not in the future nor before 1945.
 */
export function descriptionProblems(d: Description, today: string): { field: keyof Description; detail: string }[] {
  const out: { field: keyof Description; detail: string }[] = [];
  for (const f of ['fonds', 'fileCode', 'issuingBody', 'summary'] as const)
    if (!d[f]?.trim()) out.push({ field: f, detail: 'required' });
  if (!validDate(d.docDate) || d.docDate > today || d.docDate < '1945-01-01')
    out.push({ field: 'docDate', detail: `yyyy-mm-dd, 1945-01-01 – ${today}` });
  if (!Number.isInteger(d.pageCount) || d.pageCount < 1 || d.pageCount > 100_000)
    out.push({ field: 'pageCount', detail: '1 – 100000' });
  if (!(RETENTIONS as readonly string[]).includes(d.retention))
    out.push({ field: 'retention', detail: RETENTIONS.join(' | ') });
  if (!(ACCESS as readonly string[]).includes(d.access)) out.push({ field: 'access', detail: ACCESS.join(' | ') });
  return out;
}
