import { useState } from 'react';
import { api, type UnitItem, type UnitPage } from '../api';
import { periodLabel, useSettings, type Period } from '../assessments';
import { can, useUser } from '../auth';
import { ErrorBox, Loading, useLoad } from '../components/common';
import { AssignTaskForm } from '../components/assessments/TaskForms';
import { PersonRecordView } from '../components/assessments/PersonRecordView';
import { StaffTasks } from '../components/assessments/StaffTasks';
import { byName, formatDate, todayInVietnam } from '../format';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation, withQuery } from '../router';
import { useUnitNames } from '../workforce';

const thisYear = () => Number(todayInVietnam().slice(0, 4));

/** /danh-gia: a linked staff account sees its own tasks and scores; a head, the unit's periods. */
export function AssessmentsPage() {
  const { user } = useUser();
  const { query } = useLocation();
  const { t } = useI18n();
  const manager = can(user, 'assessments.read');
  const mine = !!user.personId && (!manager || query.get('view') === 'me');
  return (
    <article className="assessments-page">
      <div className="page-head">
        <h1>{mine ? t('as.me.title') : t('as.title')}</h1>
        {manager && user.personId && (
          <Link href={mine ? '/danh-gia' : '/danh-gia?view=me'} className="btn">
            {mine ? t('as.me.toUnit') : t('as.me.link')}
          </Link>
        )}
      </div>
      {mine ? <StaffHome personId={user.personId!} provinceCode={user.provinceCode} /> : <HeadHome />}
    </article>
  );
}

function StaffHome({ personId, provinceCode }: { personId: string; provinceCode: string | null }) {
  const { t } = useI18n();
  return (
    <>
      <p className="muted">{t('as.me.intro')}</p>
      <StaffTasks personId={personId} />
      <PersonRecordView personId={personId} provinceCode={provinceCode} title={t('as.me.record')} />
    </>
  );
}

/** The unit and year in the address; a commune account has its own unit, a province its own and its communes. */
function useUnitChoice() {
  const { user } = useUser();
  const { query } = useLocation();
  const province = user.provinceCode ?? query.get('province') ?? '';
  const unit = user.communeCode ?? query.get('unit') ?? (user.provinceCode ? user.provinceCode : '');
  const year = Number(query.get('year')) || thisYear();
  const go = (next: { province?: string; unit?: string; year?: number }) => {
    const v = { province, unit, year, ...next };
    if ('province' in next && !('unit' in next)) v.unit = v.province;
    navigate(
      withQuery('/danh-gia', {
        province: user.provinceCode ? null : v.province,
        unit: user.communeCode ? null : v.unit,
        year: v.year === thisYear() ? null : v.year,
      }),
      { replace: true },
    );
  };
  return { province, unit, year, go };
}

function HeadHome() {
  const { t } = useI18n();
  const { user, writable } = useUser();
  const { province, unit, year, go } = useUnitChoice();
  const { units, nameOf } = useUnitNames([province]);
  const provinces = useLoad(
    (signal) =>
      user.provinceCode
        ? Promise.resolve([] as UnitItem[])
        : api
            .get<UnitPage>('/api/units', { level: 'province', pageSize: 50 }, signal)
            .then((r) => [...r.items].sort(byName)),
    [user.provinceCode],
  );
  const periods = useLoad(
    (signal) =>
      unit
        ? api
            .get<{ items: Period[] }>('/api/assessments/periods', { unit, year }, signal)
            .then((r) => [...r.items].sort((a, b) => a.startDate.localeCompare(b.startDate)))
        : Promise.resolve([]),
    [unit, year],
  );
  const settings = useSettings(province || null);
  const [assigning, setAssigning] = useState(false);
  const unitOptions = province
    ? [
        { code: province, fullName: nameOf(province) || province },
        ...(units.get(province) ?? []).filter((u) => u.level === 'commune'),
      ]
    : [];
  const unitName = unit ? nameOf(unit) : '';
  const years = [thisYear(), thisYear() - 1];

  return (
    <>
      <div className="filters" data-testid="unit-choice">
        {!user.provinceCode && (
          <label className="field">
            <span>{t('as.f.province')}</span>
            <select value={province} onChange={(e) => go({ province: e.target.value })}>
              <option value="">{t('as.f.pickProvince')}</option>
              {provinces.data?.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.fullName}
                </option>
              ))}
            </select>
          </label>
        )}
        {!user.communeCode && province && (
          <label className="field field-grow">
            <span>{t('as.f.unit')}</span>
            <select value={unit} onChange={(e) => go({ unit: e.target.value })}>
              {unitOptions.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.code === province ? t('as.f.provinceLevel', { name: u.fullName }) : u.fullName}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{t('as.f.year')}</span>
          <select value={year} onChange={(e) => go({ year: Number(e.target.value) })}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!unit ? (
        <p className="empty">{t('as.pickUnit')}</p>
      ) : (
        <>
          <div className="actions as-links">
            <Link href={`/danh-gia/nam/${unit}/${year}`} className="btn" data-testid="annual-link">
              {t('as.annual.link', { year })}
            </Link>
            <Link href={withQuery('/danh-gia/tong-hop', { year: year === thisYear() ? null : year })} className="btn">
              {t('as.summary.link')}
            </Link>
            {writable && settings && (
              <button
                type="button"
                className="btn btn-primary"
                aria-expanded={assigning}
                onClick={() => setAssigning((a) => !a)}
              >
                {t('as.assign.title')}
              </button>
            )}
          </div>
          {assigning && settings && (
            <section className="panel" aria-labelledby="assign-title">
              <h2 id="assign-title">{t('as.assign.titleIn', { unit: unitName })}</h2>
              <p className="muted small">{t('as.assign.hint')}</p>
              <AssignTaskForm
                unitCode={unit}
                settings={settings}
                onDone={(task) => navigate(`/danh-gia/ky/${task.periodId}?assigned=1`)}
              />
            </section>
          )}
          <section className="panel" aria-labelledby="periods-title">
            <h2 id="periods-title">{t('as.periods.title', { unit: unitName, year })}</h2>
            {periods.error ? (
              <ErrorBox error={periods.error} onRetry={periods.reload} />
            ) : !periods.data ? (
              <Loading />
            ) : periods.data.length === 0 ? (
              <p className="muted">{t('as.periods.none')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table cards-on-phone" data-testid="periods">
                  <thead>
                    <tr>
                      <th>{t('as.col.period')}</th>
                      <th>{t('as.col.dates')}</th>
                      <th>{t('as.col.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {periods.data.map((p) => (
                      <tr key={p.id}>
                        <td data-label={t('as.col.period')}>
                          <Link href={`/danh-gia/ky/${p.id}`} className="strong">
                            {periodLabel(t, p)}
                          </Link>
                        </td>
                        <td data-label={t('as.col.dates')}>
                          {formatDate(p.startDate)} – {formatDate(p.endDate)}
                        </td>
                        <td data-label={t('as.col.status')}>
                          <span className={`status period-${p.status}`}>
                            {t(p.status === 'open' ? 'as.period.open' : 'as.period.closed')}
                          </span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}
