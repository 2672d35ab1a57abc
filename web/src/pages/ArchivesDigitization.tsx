import { useMemo, useState, type FormEvent } from 'react';
import { ApiError, api, csrf, withQuery, type Page } from '../api';
import { can, useUser } from '../auth';
import { ErrorBox, Loading, Pager, errorText, useLoad } from '../components/common';
import { formatDate, formatInteger, todayInVietnam } from '../format';
import { useI18n, type MessageKey, type Translate } from '../i18n';
import { Link } from '../router';
import { inFlight, uploadScan, type UploadProgress } from '../archiveUpload';
import type {
  Batch,
  BatchDetail,
  Description,
  DescriptionItem,
  Plan,
  Scan,
} from '../../../src/modules/archives/contract';
import {
  ACCESS,
  BATCH_ACTIONS,
  BATCH_STAGES as STAGE_ORDER,
  RETENTIONS,
} from '../../../src/modules/archives/domain/digitization';

/**
 * Digitization screens of the archives page (loaded only when opened): a unit's plans for a year and their batches,
 * a batch (scans uploaded resumably, stages, descriptions, Excel import and export), and the search over descriptions.
 */

const thisYear = () => Number(todayInVietnam().slice(0, 4));
/** A reference a retried request repeats, so the server makes one batch (crypto.randomUUID needs HTTPS). */
const newClientRef = () => `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

function useSend(onDone: () => void) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      onDone();
      return true;
    } catch (e) {
      setError(errorText(t, e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

const ErrorLine = ({ error }: { error: string | null }) =>
  error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;

// ---------- plans and their batches ----------

export function PlansView() {
  const { t } = useI18n();
  const { user, writable } = useUser();
  const [year, setYear] = useState(thisYear());
  const [unit, setUnit] = useState<{ code: string; name: string } | null>(null);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const res = useLoad(
    (signal) => api.get<Page<Plan>>('/api/archives/plans', { year, unit: unit?.code, page, pageSize: 50 }, signal),
    [year, unit, page],
  );
  const ownUnit = user.communeCode ?? user.provinceCode;
  return (
    <section data-testid="plans">
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t('arch.dig.year')}</span>
          <input
            type="number"
            min={2025}
            max={2100}
            value={year}
            onChange={(e) => (setYear(Number(e.target.value)), setPage(1))}
          />
        </label>
        {unit && (
          <p className="chip">
            {t('arch.dig.unit')}: <strong>{unit.name}</strong>{' '}
            <button type="button" className="link" onClick={() => (setUnit(null), setPage(1))}>
              {t('arch.plan.allUnits')}
            </button>
          </p>
        )}
      </form>
      {writable && ownUnit && can(user, 'archives.plan') && (
        <NewPlan unitCode={ownUnit} year={year} onDone={res.reload} />
      )}
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : res.data.total === 0 ? (
        <p className="muted">{t('arch.plan.none', { year })}</p>
      ) : (
        <>
          <p className="result-count">{t('arch.plan.count', { n: formatInteger(res.data.total), year })}</p>
          <table className="table" data-testid="plan-list">
            <thead>
              <tr>
                <th>{t('arch.dig.unit')}</th>
                <th>{t('arch.d.fonds')}</th>
                <th>{t('arch.d.retention')}</th>
                <th className="num">{t('arch.plan.files')}</th>
                <th className="num">{t('arch.plan.pages')}</th>
              </tr>
            </thead>
            <tbody>
              {res.data.items.map((p) => (
                <PlanRow
                  key={p.id}
                  p={p}
                  open={open === p.id}
                  onToggle={() => setOpen(open === p.id ? null : p.id)}
                  onUnit={() => (setUnit({ code: p.unitCode, name: p.unitName }), setPage(1))}
                />
              ))}
            </tbody>
          </table>
          <Pager page={res.data.page} pageSize={res.data.pageSize} total={res.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}

function PlanRow({ p, open, onToggle, onUnit }: { p: Plan; open: boolean; onToggle(): void; onUnit(): void }) {
  const { t } = useI18n();
  return (
    <>
      <tr data-testid="plan-row">
        <td>
          <button type="button" className="link" onClick={onUnit} title={t('arch.plan.onlyUnit')}>
            {p.unitName}
          </button>
        </td>
        <td>
          <button type="button" className="link" onClick={onToggle} aria-expanded={open}>
            {p.fonds}
          </button>
        </td>
        <td>{t(`arch.retention.${p.retention}` as MessageKey)}</td>
        <td className="num">{formatInteger(p.plannedFiles)}</td>
        <td className="num">{formatInteger(p.plannedPages)}</td>
      </tr>
      {open && (
        <tr>
          <td colSpan={5}>
            <PlanBatches plan={p} />
          </td>
        </tr>
      )}
    </>
  );
}

function NewPlan({ unitCode, year, onDone }: { unitCode: string; year: number; onDone(): void }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const send = useSend(() => (setShown(false), onDone()));
  if (!shown)
    return (
      <p>
        <button type="button" className="btn" onClick={() => setShown(true)}>
          {t('arch.plan.new')}
        </button>
      </p>
    );
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    void send.run(() =>
      api.post('/api/archives/plans', {
        unitCode,
        year,
        fonds: String(f.get('fonds') ?? '').trim(),
        retention: String(f.get('retention')),
        plannedFiles: Number(f.get('plannedFiles') || 0),
        plannedPages: Number(f.get('plannedPages') || 0),
      }),
    );
  };
  return (
    <form className="grid-form panel" data-testid="plan-form" onSubmit={submit}>
      <h3>{t('arch.plan.newFor', { year })}</h3>
      <label className="field field-grow">
        <span>{t('arch.d.fonds')}</span>
        <input name="fonds" required maxLength={300} />
      </label>
      <label className="field">
        <span>{t('arch.d.retention')}</span>
        <select name="retention">
          {RETENTIONS.map((r) => (
            <option key={r} value={r}>
              {t(`arch.retention.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('arch.plan.files')}</span>
        <input name="plannedFiles" type="number" min={0} required />
      </label>
      <label className="field">
        <span>{t('arch.plan.pages')}</span>
        <input name="plannedPages" type="number" min={0} required />
      </label>
      <ErrorLine error={send.error} />
      <button className="btn btn-primary" disabled={send.busy}>
        {t('common.save')}
      </button>
      <button type="button" className="btn" onClick={() => setShown(false)}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

function PlanBatches({ plan }: { plan: Plan }) {
  const { t } = useI18n();
  const { writable } = useUser();
  const res = useLoad(
    (signal) =>
      api.get<Page<Batch>>('/api/archives/batches', { unit: plan.unitCode, year: plan.year, pageSize: 500 }, signal),
    [plan.id],
  );
  const [clientRef, setClientRef] = useState(newClientRef);
  const send = useSend(() => (setClientRef(newClientRef()), res.reload()));
  const list = (res.data?.items ?? []).filter((b) => b.planId === plan.id);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    void send
      .run(() =>
        api.post(`/api/archives/plans/${plan.id}/batches`, {
          name: String(f.get('name') ?? '').trim(),
          files: Number(f.get('files') || 0),
          clientRef,
        }),
      )
      .then((ok) => ok && form.reset());
  };
  return (
    <div className="panel" data-testid="plan-batches">
      <h3>{t('arch.batch.title')}</h3>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : list.length === 0 ? (
        <p className="muted">{t('arch.batch.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('arch.batch.name')}</th>
              <th>{t('arch.batch.stage')}</th>
              <th className="num">{t('arch.plan.files')}</th>
              <th className="num">{t('arch.plan.pages')}</th>
              <th className="num">{t('arch.batch.scans')}</th>
              <th className="num">{t('arch.batch.descriptions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((b) => (
              <tr key={b.id} data-testid="batch-row">
                <td>
                  <Link href={`/luu-tru/lo/${b.id}`}>{b.name}</Link>
                </td>
                <td>
                  <StageBadge stage={b.stage} />
                </td>
                <td className="num">{formatInteger(b.files)}</td>
                <td className="num">{formatInteger(b.pages)}</td>
                <td className="num">{formatInteger(b.scans)}</td>
                <td className="num">{formatInteger(b.descriptions)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {writable && plan.actions.includes('add_batch') && (
        <form className="inline-form" data-testid="batch-form" onSubmit={submit}>
          <label className="field field-grow">
            <span>{t('arch.batch.name')}</span>
            <input name="name" required maxLength={200} placeholder={t('arch.batch.nameHint')} />
          </label>
          <label className="field">
            <span>{t('arch.batch.files')}</span>
            <input name="files" type="number" min={0} required />
          </label>
          <button className="btn btn-primary" disabled={send.busy}>
            {t('arch.batch.new')}
          </button>
          <ErrorLine error={send.error} />
        </form>
      )}
    </div>
  );
}

function StageBadge({ stage }: { stage: Batch['stage'] }) {
  const { t } = useI18n();
  return <span className={`badge stage-${stage}`}>{t(`arch.stage.${stage}` as MessageKey)}</span>;
}

// ---------- a batch ----------

export function BatchPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { writable } = useUser();
  const res = useLoad((signal) => api.get<BatchDetail>(`/api/archives/batches/${id}`, {}, signal), [id]);
  const [descTick, setDescTick] = useState(0);
  const send = useSend(res.reload);
  if (res.error) return <ErrorBox error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  const b = res.data;
  const stageActions = BATCH_ACTIONS.filter((a) => b.actions.includes(a));
  const dates: Record<string, string | null> = {
    scanned: b.scannedOn,
    checked: b.checkedOn,
    described: b.describedOn,
    published: b.publishedOn,
  };
  const changed = () => (res.reload(), setDescTick((n) => n + 1));
  return (
    <div className="archives-page batch-page">
      <p>
        <Link href="/luu-tru?tab=plans">← {t('arch.batch.back')}</Link>
      </p>
      <h1>{b.name}</h1>
      <p className="muted">
        {b.unitName} · {b.fonds} · {t('arch.batch.year', { year: b.year })}
      </p>
      <ol className="stage-line" data-testid="batch-stages">
        {STAGE_ORDER.map((s, i) => {
          const reached = STAGE_ORDER.indexOf(b.stage) >= i;
          return (
            <li key={s} className={reached ? 'reached' : undefined} aria-current={b.stage === s ? 'step' : undefined}>
              <span>{t(`arch.stage.${s}` as MessageKey)}</span>
              {dates[s] && <span className="muted small block">{formatDate(dates[s])}</span>}
            </li>
          );
        })}
      </ol>
      <dl className="facts">
        <div>
          <dt>{t('arch.batch.files')}</dt>
          <dd>{formatInteger(b.files)}</dd>
        </div>
        <div>
          <dt>{t('arch.batch.scans')}</dt>
          <dd data-testid="batch-scans">{formatInteger(b.scans)}</dd>
        </div>
        <div>
          <dt>{t('arch.plan.pages')}</dt>
          <dd>{formatInteger(b.pages)}</dd>
        </div>
        <div>
          <dt>{t('arch.batch.descriptions')}</dt>
          <dd data-testid="batch-descriptions">{formatInteger(b.descriptions)}</dd>
        </div>
      </dl>
      {writable && stageActions.length > 0 && (
        <div className="actions" data-testid="batch-actions">
          {stageActions.map((a) => (
            <button
              key={a}
              type="button"
              className="btn btn-primary"
              disabled={send.busy}
              onClick={() =>
                void send.run(() =>
                  api.post(`/api/archives/batches/${b.id}/actions`, { action: a, version: b.version }),
                )
              }
            >
              {t(`arch.batchAct.${a}` as MessageKey)}
            </button>
          ))}
          <span className="muted small">{t(`arch.batchAct.${stageActions[0]!}.hint` as MessageKey)}</span>
          <ErrorLine error={send.error} />
        </div>
      )}
      <section className="panel">
        <h2>{t('arch.scan.title')}</h2>
        {writable && b.actions.includes('upload') && <ScanUpload batchId={b.id} onDone={res.reload} />}
        <ScanList scans={b.scanList} />
      </section>
      <Descriptions batch={b} tick={descTick} onChanged={changed} />
    </div>
  );
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`
    : `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN')} KB`;

function progressText(t: Translate, p: UploadProgress): string {
  const pct = p.size ? Math.floor((p.sent / p.size) * 100) : 0;
  switch (p.phase) {
    case 'hashing':
      return t('arch.scan.hashing');
    case 'sending':
      return p.resumedFrom !== undefined
        ? t('arch.scan.resumed', { pct, from: sizeText(p.resumedFrom) })
        : t('arch.scan.sending', { pct });
    case 'retrying':
      return t('arch.scan.retrying', { pct });
    case 'done':
      return t('arch.scan.done');
    case 'duplicate':
      return t('arch.scan.duplicate');
    case 'failed':
      return errorText(t, p.error);
  }
}

function ScanUpload({ batchId, onDone }: { batchId: string; onDone(): void }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<File[]>([]);
  const [pages, setPages] = useState(1);
  const [progress, setProgress] = useState<Record<string, UploadProgress>>({});
  const [running, setRunning] = useState(false);
  const keyOf = (f: File) => `${f.name}:${f.size}:${f.lastModified}`;
  const start = async () => {
    setRunning(true);
    const left = files.filter((f) => progress[keyOf(f)]?.phase !== 'done' && progress[keyOf(f)]?.phase !== 'duplicate');
    await inFlight(left, async (f) => {
      const k = keyOf(f);
      try {
        await uploadScan(batchId, f, {
          pageCount: pages,
          onProgress: (p) => setProgress((all) => ({ ...all, [k]: p })),
        });
      } catch (error) {
        setProgress((all) => ({ ...all, [k]: { phase: 'failed', sent: all[k]?.sent ?? 0, size: f.size, error } }));
      }
    });
    setRunning(false);
    onDone();
  };
  const hasImages = files.some((f) => !/pdf/i.test(f.type) && !/\.pdf$/i.test(f.name));
  return (
    <div className="scan-upload" data-testid="scan-upload">
      <p className="muted small">{t('arch.scan.hint')}</p>
      <div className="inline-form">
        <label className="field field-grow">
          <span>{t('arch.scan.choose')}</span>
          <input
            type="file"
            multiple
            accept="application/pdf,image/*"
            disabled={running}
            onChange={(e) => (setFiles([...(e.target.files ?? [])]), setProgress({}))}
          />
        </label>
        {hasImages && (
          <label className="field">
            <span>{t('arch.scan.imagePages')}</span>
            <input
              type="number"
              min={1}
              value={pages}
              onChange={(e) => setPages(Math.max(1, Number(e.target.value)))}
            />
          </label>
        )}
        <button
          type="button"
          className="btn btn-primary"
          disabled={running || files.length === 0}
          onClick={() => void start()}
        >
          {t('arch.scan.send')}
        </button>
      </div>
      {files.length > 0 && (
        <ul className="upload-list" data-testid="upload-list">
          {files.map((f) => {
            const p = progress[keyOf(f)];
            return (
              <li key={keyOf(f)} data-testid="upload-item" className={p ? `upload-${p.phase}` : undefined}>
                <span className="upload-name">
                  {f.name} <span className="muted small">({sizeText(f.size)})</span>
                </span>
                <progress max={f.size || 1} value={p?.sent ?? 0} aria-label={f.name} />
                <span className="upload-state" role="status">
                  {p ? progressText(t, p) : t('arch.scan.waiting')}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function ScanList({ scans }: { scans: Scan[] }) {
  const { t } = useI18n();
  if (scans.length === 0) return <p className="muted">{t('arch.scan.none')}</p>;
  return (
    <table className="table" data-testid="scan-list">
      <thead>
        <tr>
          <th>{t('arch.scan.name')}</th>
          <th className="num">{t('arch.d.pageCount')}</th>
          <th className="num">{t('arch.scan.size')}</th>
          <th>{t('arch.scan.described')}</th>
          <th>{t('arch.scan.checksum')}</th>
        </tr>
      </thead>
      <tbody>
        {scans.map((s) => (
          <tr key={s.id}>
            <td>
              <a href={withQuery(`/api/archives/scans/${s.id}/file`)}>{s.name}</a>
            </td>
            <td className="num">{formatInteger(s.pageCount)}</td>
            <td className="num">{sizeText(s.sizeBytes)}</td>
            <td>{s.described ? t('arch.scan.yes') : t('arch.scan.no')}</td>
            <td>
              <code className="small" title={s.sha256}>
                {s.sha256.slice(0, 12)}…
              </code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ---------- descriptions ----------

function DescriptionTable({
  items,
  showUnit,
  onEdit,
}: {
  items: Description[];
  showUnit?: boolean;
  onEdit?: (d: Description) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="descriptions">
        <thead>
          <tr>
            {showUnit && <th>{t('arch.dig.unit')}</th>}
            <th>{t('arch.d.fonds')}</th>
            <th>{t('arch.d.fileCode')}</th>
            <th>{t('arch.d.numberSymbol')}</th>
            <th>{t('arch.d.docDate')}</th>
            <th>{t('arch.d.issuingBody')}</th>
            <th>{t('arch.d.summary')}</th>
            <th className="num">{t('arch.d.pageCount')}</th>
            <th>{t('arch.d.retention')}</th>
            <th>{t('arch.d.access')}</th>
            {onEdit && <th aria-label={t('common.edit')} />}
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id} data-testid="description-row">
              {showUnit && <td>{d.unitName}</td>}
              <td>{d.fonds}</td>
              <td>{d.fileCode}</td>
              <td>{[d.docNumber, d.docSymbol].filter(Boolean).join('/') || t('common.none')}</td>
              <td>{formatDate(d.docDate)}</td>
              <td>{d.issuingBody}</td>
              <td>{d.summary}</td>
              <td className="num">{formatInteger(d.pageCount)}</td>
              <td>{t(`arch.retention.${d.retention}` as MessageKey)}</td>
              <td>
                <span className={d.access === 'restricted' ? 'badge' : undefined}>
                  {t(`arch.access.${d.access}` as MessageKey)}
                </span>
              </td>
              {onEdit && (
                <td>
                  <button type="button" className="link" onClick={() => onEdit(d)}>
                    {t('common.edit')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Descriptions({ batch, tick, onChanged }: { batch: BatchDetail; tick: number; onChanged(): void }) {
  const { t } = useI18n();
  const { writable } = useUser();
  const [page, setPage] = useState(1);
  const res = useLoad(
    (signal) =>
      api.get<Page<Description>>('/api/archives/descriptions', { batch: batch.id, page, pageSize: 50 }, signal),
    [batch.id, page, tick],
  );
  const may = writable && batch.actions.includes('add_descriptions');
  const [editing, setEditing] = useState<Description | null>(null);
  return (
    <section className="panel" data-testid="batch-descriptions-panel">
      <div className="panel-head wrap">
        <h2>{t('arch.d.title')}</h2>
        <a className="btn" href={withQuery(`/api/archives/batches/${batch.id}/descriptions.xlsx`)} download>
          {t('arch.d.export')}
        </a>
      </div>
      {may && editing ? (
        <DescriptionForm
          key={editing.id}
          batch={batch}
          initial={editing}
          onDone={() => (setEditing(null), onChanged())}
          onClose={() => setEditing(null)}
        />
      ) : (
        may && <DescriptionForm batch={batch} onDone={onChanged} />
      )}
      {may && <DescriptionImport batchId={batch.id} onDone={onChanged} />}
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : res.data.total === 0 ? (
        <p className="muted">{t('arch.d.none')}</p>
      ) : (
        <>
          <DescriptionTable items={res.data.items} onEdit={may ? setEditing : undefined} />
          <Pager page={res.data.page} pageSize={res.data.pageSize} total={res.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}

function DescriptionForm({
  batch,
  initial,
  onDone,
  onClose,
}: {
  batch: BatchDetail;
  /** the description being corrected; none to add one */
  initial?: Description;
  onDone(): void;
  onClose?: () => void;
}) {
  const { t } = useI18n();
  const [shown, setShown] = useState(Boolean(initial));
  const close = () => (initial ? onClose?.() : setShown(false));
  const send = useSend(() => (close(), onDone()));
  const undescribed = batch.scanList.filter((s) => !s.described || s.id === initial?.scanId);
  if (!shown)
    return (
      <p>
        <button type="button" className="btn" onClick={() => setShown(true)}>
          {t('arch.d.add')}
        </button>
      </p>
    );
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const item: DescriptionItem = {
      ...(v('scanId') ? { scanId: v('scanId') } : {}),
      fonds: v('fonds'),
      fileCode: v('fileCode'),
      docNumber: v('docNumber'),
      docSymbol: v('docSymbol'),
      docDate: v('docDate'),
      issuingBody: v('issuingBody'),
      summary: v('summary'),
      pageCount: Number(v('pageCount') || 0),
      retention: v('retention') as DescriptionItem['retention'],
      access: v('access') as DescriptionItem['access'],
    };
    void send.run(() =>
      initial
        ? api.put(`/api/archives/descriptions/${initial.id}`, item)
        : api.post(`/api/archives/batches/${batch.id}/descriptions`, { items: [item] }),
    );
  };
  const v = initial;
  return (
    <form className="grid-form description-form panel" data-testid="description-form" onSubmit={submit}>
      <h3>{t(initial ? 'arch.d.edit' : 'arch.d.add')}</h3>
      {undescribed.length > 0 && (
        <label className="field field-grow">
          <span>{t('arch.d.scan')}</span>
          <select name="scanId" defaultValue={v ? (v.scanId ?? '') : undescribed[0]!.id}>
            {undescribed.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({t('arch.d.pagesN', { n: s.pageCount })})
              </option>
            ))}
            <option value="">{t('arch.d.noScan')}</option>
          </select>
        </label>
      )}
      <label className="field field-grow">
        <span>{t('arch.d.fonds')}</span>
        <input name="fonds" required maxLength={300} defaultValue={v?.fonds ?? batch.fonds} />
      </label>
      <label className="field">
        <span>{t('arch.d.fileCode')}</span>
        <input name="fileCode" required maxLength={100} defaultValue={v?.fileCode} />
      </label>
      <label className="field">
        <span>{t('arch.d.docNumber')}</span>
        <input name="docNumber" maxLength={30} defaultValue={v?.docNumber} />
      </label>
      <label className="field">
        <span>{t('arch.d.docSymbol')}</span>
        <input name="docSymbol" maxLength={60} defaultValue={v?.docSymbol} />
      </label>
      <label className="field">
        <span>{t('arch.d.docDate')}</span>
        <input name="docDate" type="date" required max={todayInVietnam()} min="1945-01-01" defaultValue={v?.docDate} />
      </label>
      <label className="field field-grow">
        <span>{t('arch.d.issuingBody')}</span>
        <input name="issuingBody" required maxLength={300} defaultValue={v?.issuingBody} />
      </label>
      <label className="field field-grow">
        <span>{t('arch.d.summary')}</span>
        <textarea name="summary" required maxLength={2000} rows={2} defaultValue={v?.summary} />
      </label>
      <label className="field">
        <span>{t('arch.d.pageCount')}</span>
        <input name="pageCount" type="number" min={1} required defaultValue={undescribed[0]?.pageCount ?? undefined} />
      </label>
      <label className="field">
        <span>{t('arch.d.retention')}</span>
        <select name="retention" defaultValue={v?.retention}>
          {RETENTIONS.map((r) => (
            <option key={r} value={r}>
              {t(`arch.retention.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('arch.d.access')}</span>
        <select name="access" defaultValue={v?.access}>
          {ACCESS.map((r) => (
            <option key={r} value={r}>
              {t(`arch.access.${r}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <ErrorLine error={send.error} />
      <div className="actions">
        <button className="btn btn-primary" disabled={send.busy}>
          {t('common.save')}
        </button>
        <button type="button" className="btn" onClick={close}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

interface ImportReport {
  added: number;
  errors: { row: number; column: string; detail: string }[];
}

function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error ?? new Error('read'));
    reader.readAsDataURL(file);
  });
}

/** The import answers 422 with every error by row and column (nothing written): read that body, not only a message. */
async function importSheet(batchId: string, file: File): Promise<ImportReport> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
  const token = csrf.get();
  if (token) headers['x-csrf-token'] = token;
  let res: Response;
  try {
    res = await fetch(withQuery(`/api/archives/batches/${batchId}/descriptions/import`), {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: JSON.stringify({
        file: {
          name: file.name,
          contentType: file.type || 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          contentBase64: await fileToBase64(file),
        },
      }),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const data = (await res.json().catch(() => null)) as
    (ImportReport & { error?: { code?: string; message?: string; field?: string } }) | null;
  if (res.status === 201 || res.status === 422) return data as ImportReport;
  throw new ApiError(
    res.status,
    data?.error?.code ?? `http_${res.status}`,
    data?.error?.message ?? '',
    data?.error?.field,
  );
}

function DescriptionImport({ batchId, onDone }: { batchId: string; onDone(): void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const send = useSend(() => undefined);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!file) return;
    setReport(null);
    void send.run(async () => {
      const r = await importSheet(batchId, file);
      setReport(r);
      if (!r.errors.length) onDone();
    });
  };
  return (
    <form className="inline-form description-import" data-testid="description-import" onSubmit={submit}>
      <label className="field field-grow">
        <span>{t('arch.d.importFile')}</span>
        <input
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => (setFile(e.target.files?.[0] ?? null), setReport(null))}
        />
      </label>
      <button className="btn" disabled={!file || send.busy}>
        {t('arch.d.import')}
      </button>
      <p className="muted small block">{t('arch.d.importHint')}</p>
      <ErrorLine error={send.error} />
      {report && !report.errors.length && (
        <p className="ok" role="status">
          {t('arch.d.imported', { n: formatInteger(report.added) })}
        </p>
      )}
      {report && report.errors.length > 0 && (
        <div role="alert" data-testid="import-errors">
          <p className="error">{t('arch.d.importFailed', { n: formatInteger(report.errors.length) })}</p>
          <table className="table">
            <thead>
              <tr>
                <th className="num">{t('arch.d.row')}</th>
                <th>{t('arch.d.column')}</th>
                <th>{t('arch.d.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.slice(0, 200).map((er, i) => (
                <tr key={i}>
                  <td className="num">{er.row}</td>
                  <td>{er.column}</td>
                  <td>{er.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </form>
  );
}

// ---------- search ----------

export function DescriptionSearch() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const res = useLoad(
    (signal) =>
      api.get<Page<Description> & { more: boolean }>('/api/archives/descriptions', { q, page, pageSize: 50 }, signal),
    [q, page],
  );
  const submit = (e: FormEvent) => (e.preventDefault(), setQ(text.trim()), setPage(1));
  const count = useMemo(() => res.data?.total ?? 0, [res.data]);
  return (
    <section data-testid="description-search">
      <form className="filters" role="search" onSubmit={submit}>
        <label className="field field-grow">
          <span>{t('arch.search.q')}</span>
          <input type="search" name="q" value={text} onChange={(e) => setText(e.target.value)} maxLength={200} />
        </label>
        <button className="btn btn-primary">{t('arch.search.go')}</button>
      </form>
      <p className="muted small">{t('arch.search.hint')}</p>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : count === 0 ? (
        <p className="muted">{t('arch.search.none')}</p>
      ) : (
        <>
          <p className="result-count">
            {t(res.data.more ? 'arch.search.countMore' : 'arch.search.count', { n: formatInteger(count) })}
          </p>
          <DescriptionTable items={res.data.items} showUnit />
          <Pager page={res.data.page} pageSize={res.data.pageSize} total={res.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
