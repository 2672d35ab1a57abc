/**
 * Settlement of leaving cases (Decrees 178/2024 and 67/2025): the case list, a new case, a case with its benefit
 * lines (how the total is reached) and its steps, and the national progress board. Labels of lines, salary parts and
 * warnings come from the API in the user's language; the steps shown are the ones the API says the caller may take.
 */
import { lazy, Suspense, useState, type ChangeEvent, type FormEvent } from 'react';
import { api, ApiError, csrf, withQuery as apiQuery, type Page } from '../api';

const csrfToken = () => csrf.get();
import { useUser } from '../auth';
import { ErrorBox, Loading, Pager, SelectFilter, errorText, useLoad } from '../components/common';
import { DataTable } from '../components/DataTable';
import { formatDate, formatInteger, formatMonth, formatNumber, whoText } from '../format';
import { useI18n, type Translate } from '../i18n';
import type { MessageKey } from '../i18n/vi';
import { Link, match, navigate, useLocation } from '../router';
import type {
  AgencyList,
  CaseDetail,
  CaseSummary,
  Progress,
  ProgressRow,
  ImportResult,
} from '../../../src/modules/settlement/contract';
import type { Person } from '../../../src/modules/workforce/contract';
import { STATUSES } from '../../../src/modules/settlement/domain/lifecycle';
import { CATEGORIES, REGIMES } from '../../../src/modules/settlement/domain/benefits';
import { GROUPS as ALL_GROUPS, RATINGS } from '../../../src/modules/settlement/domain/eligibility';

const SettlementMap = lazy(() => import('./SettlementMap'));

/** The groups Decree 178 covers, as the calculator knows them ('other' is refused: not offered). */
const GROUPS = ALL_GROUPS.filter((g) => g !== 'other');

const lbl = (t: Translate, prefix: string, code: string) => t(`${prefix}.${code}` as MessageKey);
const vnd = (n: number | null | undefined) => (n == null ? '—' : `${formatInteger(n)} ₫`);

export function SettlementRoutes() {
  const { path } = useLocation();
  if (path === '/nghi-viec') return <SettlementListPage />;
  if (path === '/nghi-viec/moi') return <SettlementNewPage />;
  if (path === '/nghi-viec/tien-do') return <SettlementProgressPage />;
  const c = match('/nghi-viec/:id', path);
  if (c) return <SettlementCasePage id={c.id!} />;
  return null;
}

function Tabs() {
  const { t } = useI18n();
  const { path } = useLocation();
  const { user, writable } = useUser();
  const tabs = [
    { href: '/nghi-viec', label: t('st.tab.cases') },
    { href: '/nghi-viec/tien-do', label: t('st.tab.progress') },
    ...(writable && user.role !== 'viewer' ? [{ href: '/nghi-viec/moi', label: t('st.tab.new') }] : []),
  ];
  return (
    <nav className="tabs" aria-label={t('st.title')}>
      {tabs.map((x) => (
        <Link key={x.href} href={x.href} className={path === x.href ? 'active' : undefined}>
          {x.label}
        </Link>
      ))}
    </nav>
  );
}

export function SettlementListPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const status = query.get('status') ?? '';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const [q, setQ] = useState(query.get('q') ?? '');
  const set = (next: Record<string, string | number>) => {
    const params = {
      status,
      q,
      page: '1',
      ...Object.fromEntries(Object.entries(next).map(([k, v]) => [k, String(v)])),
    };
    navigate(`/nghi-viec?${new URLSearchParams(params).toString()}`, { replace: true });
  };
  const list = useLoad(
    (signal) =>
      api.get<Page<CaseSummary>>(
        '/api/settlement/cases',
        { status, q: query.get('q') ?? '', page, pageSize: 50 },
        signal,
      ),
    [status, page, query.get('q')],
  );
  return (
    <section>
      <h1>{t('st.title')}</h1>
      <Tabs />
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q });
        }}
      >
        <label className="field">
          <span>{t('st.search')}</span>
          <input value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <SelectFilter
          name="status"
          label={t('st.status')}
          value={status}
          allLabel={t('st.all')}
          options={STATUSES}
          labelOf={(v) => lbl(t, 'st.status', v)}
          onChange={(v) => set({ status: v })}
        />
        <a className="btn btn-small" href={apiQuery('/api/settlement/export.xlsx', { kind: 'cases', status })}>
          {t('st.export.cases')}
        </a>
      </form>
      <ImportBox onDone={list.reload} />
      {list.error ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <>
          <DataTable
            rows={list.data.items}
            loading={list.loading}
            rowKey={(c) => c.id}
            empty={t('st.none')}
            testId="st-cases"
            columns={[
              { header: t('st.code'), cell: (c) => <Link href={`/nghi-viec/${c.id}`}>{c.code}</Link> },
              { header: t('st.person'), cell: (c) => c.fullName },
              { header: t('st.agency'), cell: (c) => c.agencyName },
              { header: t('st.regime'), cell: (c) => lbl(t, 'st.regime', c.regime) },
              { header: t('st.leaveDate'), cell: (c) => formatDate(c.leaveDate) },
              {
                header: t('st.status'),
                cell: (c) => (
                  <>
                    {lbl(t, 'st.status', c.status)}
                    {c.late && <span className="badge badge-danger"> {t('st.late')}</span>}
                  </>
                ),
              },
              { header: t('st.total'), className: 'num', cell: (c) => vnd(c.overrideAmount ?? c.benefitTotal) },
            ]}
          />
          <Pager page={page} pageSize={50} total={list.data.total} onPage={(p: number) => set({ page: p })} />
        </>
      )}
    </section>
  );
}

/** An agency's list from Excel: all rows or none; the errors by row and column. */
function ImportBox({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const { user, writable } = useUser();
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const agency = user.communeCode ?? user.provinceCode;
  if (!writable || !agency || user.role === 'viewer') return null;
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    if (!f) return;
    setError(null);
    setResult(null);
    const bytes = new Uint8Array(await f.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    try {
      // One request: 200 with the count, or 422 with every error by row and column (nothing written).
      const res = await fetch(apiQuery('/api/settlement/import'), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() ?? '' },
        body: JSON.stringify({ agency, fileBase64: btoa(bin) }),
      });
      const body = (await res.json().catch(() => null)) as
        (ImportResult & { error?: { code: string; message: string } }) | null;
      if ((res.status === 200 || res.status === 422) && body && Array.isArray(body.errors)) {
        setResult(body);
        if (res.status === 200) onDone();
      } else setError(new ApiError(res.status, body?.error?.code ?? 'http', body?.error?.message ?? ''));
    } catch {
      setError(new ApiError(0, 'network', ''));
    }
    e.target.value = '';
  };
  return (
    <details className="card">
      <summary>{t('st.import.title')}</summary>
      <p>
        <a className="btn btn-small" href={apiQuery('/api/settlement/import-template.xlsx')}>
          {t('st.import.template')}
        </a>
      </p>
      <label className="field">
        <span>{t('st.import.file')}</span>
        <input type="file" accept=".xlsx" onChange={(e) => void onFile(e)} data-testid="st-import" />
      </label>
      {error ? <ErrorBox error={error} /> : null}
      {result && result.errors.length === 0 && (
        <p className="alert alert-ok" role="status">
          {t('st.import.done', { n: result.imported })}
        </p>
      )}
      {result && result.errors.length > 0 && (
        <div className="alert alert-error" role="alert">
          <p>{t('st.import.refused', { n: result.errors.length })}</p>
          <ul>
            {result.errors.map((x, i) => (
              <li key={i}>
                {t('st.import.row', { row: x.row })}
                {x.column ? `, ${x.column}` : ''}: {x.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </details>
  );
}

function num(v: FormDataEntryValue | null): number | undefined {
  const s = String(v ?? '')
    .trim()
    .replace(',', '.');
  return s === '' ? undefined : Number(s);
}
function str(v: FormDataEntryValue | null): string | undefined {
  const s = String(v ?? '').trim();
  return s === '' ? undefined : s;
}

/** The agency of a new case: a commune files for itself; a province for itself or one of its communes; the Ministry
 * for a ministry or central agency. Names only: no code is shown. */
function AgencyPicker() {
  const { t } = useI18n();
  const { user } = useUser();
  const options = useLoad(
    async (signal): Promise<{ value: string; label: string }[]> => {
      if (user.communeCode) return [{ value: user.communeCode, label: t('st.agency.own') }];
      if (user.provinceCode) {
        const r = await api.get<{ items: { code: string; fullName: string }[] }>(
          '/api/units/names',
          { province: user.provinceCode },
          signal,
        );
        return r.items.map((u) => ({ value: u.code, label: u.fullName }));
      }
      const r = await api.get<AgencyList>('/api/settlement/agencies', {}, signal);
      return r.items.map((a) => ({ value: a.code, label: a.name }));
    },
    [user.id],
  );
  return (
    <label className="field">
      <span>{t('st.agency')}</span>
      <select name="agency" data-testid="st-agency">
        {(options.data ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A staff record as the registry's list sends it (/api/people). */
type PersonHit = Person;
const PERSON_CATEGORY: Record<string, string> = {
  cadre: 'commune_cadre',
  civil_servant: 'civil_servant',
  public_employee: 'public_employee',
  contract: 'contract_worker',
};

/** Links the case to a staff record of the registry: its values are copied into the form (changes need a reason). */
function PersonPicker({ onPick }: { onPick(p: PersonHit | null): void }) {
  const { t } = useI18n();
  const { user } = useUser();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<PersonHit[]>([]);
  const [picked, setPicked] = useState<PersonHit | null>(null);
  if (!user.provinceCode) return null; // central agencies' staff are not in the local registry
  const search = async () => {
    const r = await api.get<Page<PersonHit>>('/api/people', { q, pageSize: 20, unit: user.communeCode ?? undefined });
    setHits(r.items);
  };
  return (
    <fieldset className="card">
      <legend>{t('st.person.link')}</legend>
      {picked ? (
        <p>
          {picked.fullName} ({formatDate(picked.birthDate)}){' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setPicked(null);
              onPick(null);
            }}
          >
            {t('st.person.unlink')}
          </button>
        </p>
      ) : (
        <>
          <label className="field">
            <span>{t('st.person.search')}</span>
            <input value={q} onChange={(e) => setQ(e.target.value)} data-testid="st-person-q" />
          </label>
          <button type="button" className="btn btn-small" onClick={() => void search()}>
            {t('st.person.find')}
          </button>
          <ul>
            {hits.map((h) => (
              <li key={h.id}>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => {
                    setPicked(h);
                    setHits([]);
                    onPick(h);
                  }}
                >
                  {h.fullName} ({formatDate(h.birthDate)})
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </fieldset>
  );
}

/** A field of the new-case form (declared once, so that typed values survive a re-render after an error). */
function F({
  name,
  label,
  type = 'text',
  def,
  step,
  bad,
}: {
  name: string;
  label: string;
  type?: string;
  def?: string;
  step?: string;
  bad?: string;
}) {
  return (
    <label className={`field${bad === name ? ' field-error' : ''}`}>
      <span>{label}</span>
      <input
        name={name}
        type={type}
        defaultValue={def}
        step={step}
        required={type === 'date' && name !== 'birthDate' ? true : undefined}
      />
    </label>
  );
}

function Sel({ name, label, options }: { name: string; label: string; options: { value: string; label: string }[] }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SettlementNewPage() {
  const { t } = useI18n();
  const { user } = useUser();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [person, setPerson] = useState<PersonHit | null>(null);
  const fill = (p: PersonHit | null) => {
    setPerson(p);
    const form = document.querySelector<HTMLFormElement>('[data-testid="st-new"]');
    if (!form || !p) return;
    const set = (name: string, value: string) => {
      const el = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
      if (el) el.value = value;
    };
    set('fullName', p.fullName);
    set('birthDate', p.birthDate);
    set('sex', p.sex);
    set('category', PERSON_CATEGORY[p.category] ?? 'civil_servant');
    if (p.salaryCoefficient) set('coefficient', String(p.salaryCoefficient));
    if (p.unitCode) set('agency', p.unitCode);
  };
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = {
      agency: str(f.get('agency')) ?? '',
      fullName: str(f.get('fullName')),
      birthDate: str(f.get('birthDate')),
      sex: str(f.get('sex')),
      category: str(f.get('category')),
      group: str(f.get('group')),
      regime: str(f.get('regime')),
      salary: {
        coefficient: num(f.get('coefficient')) ?? 0,
        leadershipCoefficient: num(f.get('leadershipCoefficient')),
        allowances: { publicService: f.get('publicService') === 'on', coefficient: num(f.get('otherCoefficient')) },
      },
      socialInsurance: { years: num(f.get('siYears')) ?? 0, months: num(f.get('siMonths')) ?? 0 },
      lastThreeYears: ['y1', 'y2', 'y3'].map((k) => str(f.get(k)) ?? null),
      maternityOrYoungChild: f.get('maternity') === 'on',
      volunteers: f.get('volunteers') === 'on',
      underDiscipline: f.get('discipline') === 'on',
      restructuringDecisionNo: str(f.get('decisionNo')) ?? '',
      restructuringDecisionDate: str(f.get('decisionDate')) ?? '',
      leaveDate: str(f.get('leaveDate')) ?? '',
      clientRef: str(f.get('clientRef')),
      personId: person?.id,
      correctionReason: person ? str(f.get('correctionReason')) : undefined,
    };
    setBusy(true);
    setError(null);
    try {
      const c = await api.post<CaseDetail>('/api/settlement/cases', body);
      navigate(`/nghi-viec/${c.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const field = error instanceof ApiError ? error.field : undefined;
  const ratings = RATINGS.map((r) => ({
    value: r,
    label: lbl(t, 'st.rating', r),
  }));
  return (
    <section>
      <h1>{t('st.new.title')}</h1>
      <Tabs />
      <form className="form" onSubmit={(e) => void submit(e)} data-testid="st-new">
        <input type="hidden" name="clientRef" value={`${user.id}-${Date.now()}`} />
        <AgencyPicker />
        <PersonPicker onPick={fill} />
        {person && <F bad={field} name="correctionReason" label={t('st.person.reason')} />}
        <F bad={field} name="fullName" label={t('st.person')} />
        <F bad={field} name="birthDate" label={t('st.birthDate')} type="date" />
        <Sel
          name="sex"
          label={t('st.sex')}
          options={[
            { value: 'male', label: t('st.sex.male') },
            { value: 'female', label: t('st.sex.female') },
          ]}
        />
        <Sel
          name="category"
          label={t('st.category')}
          options={CATEGORIES.map((c) => ({ value: c, label: lbl(t, 'st.category', c) }))}
        />
        <Sel
          name="group"
          label={t('st.group')}
          options={GROUPS.map((g) => ({ value: g, label: lbl(t, 'st.group', g) }))}
        />
        <Sel
          name="regime"
          label={t('st.regime')}
          options={REGIMES.map((r) => ({ value: r, label: lbl(t, 'st.regime', r) }))}
        />
        <F bad={field} name="coefficient" label={t('st.coefficient')} type="number" step="0.01" />
        <F bad={field} name="leadershipCoefficient" label={t('st.leadership')} type="number" step="0.01" />
        <F bad={field} name="otherCoefficient" label={t('st.otherAllowances')} type="number" step="0.01" />
        <label className="field checkbox">
          <input type="checkbox" name="publicService" defaultChecked />
          <span>{t('st.publicService')}</span>
        </label>
        <F bad={field} name="siYears" label={t('st.siYears')} type="number" def="0" />
        <F bad={field} name="siMonths" label={t('st.siMonths')} type="number" def="0" />
        <Sel name="y1" label={t('st.rating.year', { n: 1 })} options={ratings} />
        <Sel name="y2" label={t('st.rating.year', { n: 2 })} options={ratings} />
        <Sel name="y3" label={t('st.rating.year', { n: 3 })} options={ratings} />
        <label className="field checkbox">
          <input type="checkbox" name="maternity" />
          <span>{t('st.maternity')}</span>
        </label>
        <label className="field checkbox">
          <input type="checkbox" name="volunteers" />
          <span>{t('st.volunteers')}</span>
        </label>
        <label className="field checkbox">
          <input type="checkbox" name="discipline" />
          <span>{t('st.discipline')}</span>
        </label>
        <F bad={field} name="decisionNo" label={t('st.restructuringNo')} />
        <F bad={field} name="decisionDate" label={t('st.restructuringDate')} type="date" />
        <F bad={field} name="leaveDate" label={t('st.leaveDate')} type="date" />
        {error ? (
          <p className="alert alert-error" role="alert">
            {errorText(t, error)}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('st.new.submit')}
        </button>
      </form>
    </section>
  );
}

export function SettlementCasePage({ id }: { id: string }) {
  const { t } = useI18n();
  const c = useLoad((signal) => api.get<CaseDetail>(`/api/settlement/cases/${id}`, {}, signal), [id]);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);
  if (c.error) return <ErrorBox error={c.error} onRetry={c.reload} />;
  if (!c.data) return <Loading />;
  const d = c.data;
  const act = async (path: string, body: Record<string, unknown>) => {
    setError(null);
    try {
      await api.post(path, { version: d.version, ...body });
      setOpen(null);
      c.reload();
    } catch (err) {
      setError(err);
    }
  };
  const onStep = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    if (open === 'override')
      return void act(`/api/settlement/cases/${id}/override`, {
        amount: num(f.get('amount')),
        reason: str(f.get('reason')),
      });
    return void act(`/api/settlement/cases/${id}/steps`, {
      step: open,
      reason: str(f.get('reason')),
      decisionNo: str(f.get('decisionNo')),
      decisionDate: str(f.get('decisionDate')),
      paidOn: str(f.get('paidOn')),
      paidAmount: num(f.get('paidAmount')),
    });
  };
  const b = d.benefit;
  return (
    <section data-testid="st-case">
      <p>
        <Link href="/nghi-viec">← {t('st.tab.cases')}</Link>
      </p>
      <h1>
        {d.fullName} · {d.code}
      </h1>
      {/* each term with its value in a box of its own (.facts), so that a pair never splits across two rows */}
      <dl className="facts">
        <div>
          <dt>{t('st.agency')}</dt>
          <dd>{d.agencyName}</dd>
        </div>
        <div>
          <dt>{t('st.regime')}</dt>
          <dd>{lbl(t, 'st.regime', d.regime)}</dd>
        </div>
        <div>
          <dt>{t('st.status')}</dt>
          <dd data-testid="st-status">{lbl(t, 'st.status', d.status)}</dd>
        </div>
        <div>
          <dt>{t('st.restructuringNo')}</dt>
          <dd>
            {d.restructuringDecisionNo} ({formatDate(d.restructuringDecisionDate)})
          </dd>
        </div>
        <div>
          <dt>{t('st.leaveDate')}</dt>
          <dd>{formatDate(d.leaveDate)}</dd>
        </div>
        <div>
          <dt>{t('st.retirementDate')}</dt>
          <dd>
            {formatDate(b.retirementDate)}
            {b.retirementAge && ` · ${t('st.age', { y: b.retirementAge.years, m: b.retirementAge.months })}`}
          </dd>
        </div>
        <div>
          <dt>{t('st.monthsEarly')}</dt>
          <dd>{formatNumber(b.monthsEarly)}</dd>
        </div>
        <div>
          <dt>{t('st.siYearsCounted')}</dt>
          <dd>{formatNumber(b.insuranceYears)}</dd>
        </div>
        {d.leavingDecisionNo && (
          <div>
            <dt>{t('st.leavingDecision')}</dt>
            <dd>
              {d.leavingDecisionNo} ({formatDate(d.leavingDecisionDate)})
            </dd>
          </div>
        )}
        {d.paidOn && (
          <div>
            <dt>{t('st.paid')}</dt>
            <dd>
              {vnd(d.paidAmount)} ({formatDate(d.paidOn)})
            </dd>
          </div>
        )}
        {d.refusalReason && (
          <div className="wide">
            <dt>{t('st.refusalReason')}</dt>
            <dd>{d.refusalReason}</dd>
          </div>
        )}
      </dl>
      {d.deadlines.map((w) => (
        <p key={w.kind} className={`alert ${w.level === 'late' ? 'alert-error' : 'alert-info'}`}>
          {w.label}:{' '}
          {t(w.level === 'late' ? 'st.deadline.late' : 'st.deadline.risk', { due: formatDate(w.due), days: w.days })}
        </p>
      ))}
      <h2>{t('st.how')}</h2>
      {b.salary && (
        <table className="table" data-testid="st-salary">
          <caption>
            {t('st.salary.caption', {
              month: formatMonth(b.salary.month),
              base: formatInteger(b.salary.baseSalary),
            })}
          </caption>
          <tbody>
            {b.salary.parts.map((p) => (
              <tr key={p.code}>
                <td>{p.label}</td>
                <td>{p.basis}</td>
                <td className="num">{vnd(p.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table className="table cards-on-phone" data-testid="st-lines">
        <thead>
          <tr>
            <th>{t('st.line')}</th>
            <th>{t('st.basis')}</th>
            <th className="num">{t('st.months')}</th>
            <th className="num">{t('st.amount')}</th>
            <th>{t('st.clause')}</th>
          </tr>
        </thead>
        <tbody>
          {b.lines.map((l) => (
            <tr key={l.code}>
              <td>{l.label}</td>
              <td>{l.formula}</td>
              <td className="num">{formatNumber(l.months)}</td>
              <td className="num">{vnd(l.amount)}</td>
              <td>{l.clause}</td>
            </tr>
          ))}
          <tr>
            <th colSpan={3}>{t('st.total')}</th>
            <th className="num" data-testid="st-total">
              {vnd(b.total)}
            </th>
            <td />
          </tr>
          {d.overrideAmount != null && (
            <tr>
              <th colSpan={3}>{t('st.override')}</th>
              <th className="num">{vnd(d.overrideAmount)}</th>
              <td>{d.overrideReason}</td>
            </tr>
          )}
        </tbody>
      </table>
      {b.warnings.map((w) => (
        <p key={w.code} className="alert alert-info">
          {w.message}
        </p>
      ))}
      <p className="muted">
        {t('st.ruleVersion', { v: d.rulesInWords })}{' '}
        <a className="btn btn-small" href={apiQuery(`/api/settlement/cases/${id}/sheet.docx`)}>
          {t('st.sheet')}
        </a>
      </p>
      <div className="actions">
        {[...d.steps, ...(d.actions.includes('case.override') ? ['override'] : [])].map((s) => (
          <button key={s} type="button" className="btn" data-testid={`st-step-${s}`} onClick={() => setOpen(s)}>
            {lbl(t, 'st.step', s)}
          </button>
        ))}
      </div>
      {open && (
        <form className="form" onSubmit={onStep} data-testid="st-step-form">
          {(open === 'refuse' || open === 'override') && (
            <label className="field">
              <span>{t('st.reason')}</span>
              <textarea name="reason" required minLength={3} />
            </label>
          )}
          {open === 'override' && (
            <label className="field">
              <span>{t('st.amount')}</span>
              <input name="amount" type="number" required />
            </label>
          )}
          {open === 'decide' && (
            <>
              <label className="field">
                <span>{t('st.leavingDecision')}</span>
                <input name="decisionNo" required />
              </label>
              <label className="field">
                <span>{t('st.leavingDecisionDate')}</span>
                <input name="decisionDate" type="date" required />
              </label>
            </>
          )}
          {open === 'pay' && (
            <>
              <label className="field">
                <span>{t('st.paidOn')}</span>
                <input name="paidOn" type="date" required />
              </label>
              <label className="field">
                <span>{t('st.amount')}</span>
                <input name="paidAmount" type="number" required defaultValue={d.overrideAmount ?? d.benefitTotal} />
              </label>
            </>
          )}
          <button type="submit" className="btn btn-primary">
            {t('st.confirm')}
          </button>
          <button type="button" className="btn" onClick={() => setOpen(null)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      {error ? (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      {d.corrections.length > 0 && (
        <>
          <h2>{t('st.corrections')}</h2>
          <ul>
            {d.corrections.map((x, i) => (
              <li key={i}>
                {formatDate(x.at.slice(0, 10))}: {lbl(t, 'st.field', x.field)} {String(x.from)} → {String(x.to)} (
                {x.reason})
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('st.history')}</h2>
      <ul data-testid="st-history">
        {d.events.map((e, i) => (
          <li key={i}>
            {formatDate(e.at.slice(0, 10))}: {lbl(t, 'st.step', e.action)}
            {e.actor ? ` · ${whoText(e.actor)}` : ''}
            {e.note ? ` (${e.note})` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ProgressTable({ rows, testId }: { rows: ProgressRow[]; testId: string }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table cards-on-phone" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('st.agency')}</th>
            <th className="num">{t('st.cases')}</th>
            <th className="num">{t('st.status.proposed')}</th>
            <th className="num">{t('st.status.approved')}</th>
            <th className="num">{t('st.status.decided')}</th>
            <th className="num">{t('st.status.paid')}</th>
            <th className="num">{t('st.status.refused')}</th>
            <th className="num">{t('st.total')}</th>
            <th className="num">{t('st.paid')}</th>
            <th className="num">{t('st.late')}</th>
            <th className="num">{t('st.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code} className={r.finished ? 'row-done' : undefined}>
              <td>
                {r.name}
                {r.finished && ` ✓`}
              </td>
              <td className="num">{formatInteger(r.cases)}</td>
              <td className="num">{formatInteger(r.proposed)}</td>
              <td className="num">{formatInteger(r.approved)}</td>
              <td className="num">{formatInteger(r.decided)}</td>
              <td className="num">{formatInteger(r.paid + r.closed)}</td>
              <td className="num">{formatInteger(r.refused)}</td>
              <td className="num">{vnd(r.totalAmount)}</td>
              <td className="num">{vnd(r.paidAmount)}</td>
              <td className="num">{formatInteger(r.late)}</td>
              <td className="num">{Math.round(r.settledShare * 100)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SettlementProgressPage() {
  const { t } = useI18n();
  const p = useLoad((signal) => api.get<Progress>('/api/settlement/progress', {}, signal), []);
  return (
    <section>
      <h1>{t('st.progress.title')}</h1>
      <Tabs />
      {p.error ? (
        <ErrorBox error={p.error} onRetry={p.reload} />
      ) : !p.data ? (
        <Loading />
      ) : (
        <>
          {p.data.scope === 'country' && (
            <p className="lead" data-testid="st-finished">
              {t('st.progress.finished', {
                p: p.data.provinces.finished,
                pt: p.data.provinces.total,
                c: p.data.central.finished,
                ct: p.data.central.total,
              })}
            </p>
          )}
          <p>
            {t('st.progress.totals', {
              n: formatInteger(p.data.totals.cases),
              paid: formatInteger(p.data.totals.paid + p.data.totals.closed),
              amount: vnd(p.data.totals.totalAmount),
              late: formatInteger(p.data.totals.late),
            })}{' '}
            <a className="btn btn-small" href={apiQuery('/api/settlement/export.xlsx', { kind: 'progress' })}>
              {t('st.export.progress')}
            </a>
          </p>
          {p.data.unfinished.length > 0 && (
            <>
              <h2>{t('st.progress.unfinished', { days: p.data.unfinished[0]!.daysLate })}</h2>
              <p>{p.data.unfinished.map((r) => r.name).join(', ')}</p>
            </>
          )}
          {p.data.scope === 'country' && (
            <section className="card">
              <h2>{t('st.progress.map')}</h2>
              <Suspense fallback={<Loading />}>
                <SettlementMap rows={p.data.rows.filter((r) => r.kind === 'province')} />
              </Suspense>
            </section>
          )}
          <h2>{p.data.scope === 'country' ? t('st.progress.provinces') : t('st.progress.units')}</h2>
          <ProgressTable rows={p.data.rows.filter((r) => r.kind !== 'central')} testId="st-progress-provinces" />
          {p.data.scope === 'country' && (
            <>
              <h2>{t('st.progress.central')}</h2>
              <ProgressTable rows={p.data.rows.filter((r) => r.kind === 'central')} testId="st-progress-central" />
            </>
          )}
        </>
      )}
    </section>
  );
}
