import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { can, useUser } from '../auth';
import { errorText, useLoad } from '../components/common';
import { DataTable } from '../components/DataTable';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { SessionFieldset } from './TrainingForms';
import { canHost, newRef, type EventDetailT, type EventSummaryT, type MyEventT } from '../training';

/** The conferences the account sees; the Ministry and the provinces create them. */
export function TrainingsPage() {
  const { t } = useI18n();
  const { user } = useUser();
  const list = useLoad((signal) => api.get<{ items: EventSummaryT[] }>('/api/trainings', {}, signal), []);
  return (
    <section>
      <h1>{t('tr.title')}</h1>
      <p className="muted">{t('tr.intro')}</p>
      {can(user, 'trainings.own') && (
        <p>
          <Link href="/tap-huan/cua-toi">{t('tr.mine.title')}</Link>
        </p>
      )}
      {canHost(user.role) && <NewTraining />}
      <DataTable
        rows={list.data?.items ?? null}
        loading={list.loading}
        error={list.error}
        onRetry={list.reload}
        rowKey={(e) => e.id}
        empty={t('tr.none')}
        testId="tr-list"
        columns={[
          { header: t('tr.event'), cell: (e) => <Link href={`/tap-huan/${e.id}`}>{e.title}</Link> },
          {
            header: t('tr.host'),
            cell: (e) => (e.province ? (e.hostName ?? t('tr.hostProvince')) : t('tr.hostMinistry')),
          },
          { header: t('tr.startsAt'), cell: (e) => formatDateTime(e.startsAt) },
          { header: t('tr.bridges'), cell: (e) => e.bridges.total.toLocaleString('vi-VN') },
        ]}
      />
    </section>
  );
}

function NewTraining() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ title: '', day: '', start: '08:00', end: '11:30', share: 80 });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!form.title.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(form.day)) {
      setError(t('tr.new.missing'));
      return;
    }
    setBusy(true);
    try {
      const created = await api.post<EventDetailT>('/api/trainings', {
        title: form.title.trim(),
        startsAt: `${form.day}T${form.start}:00+07:00`,
        endsAt: `${form.day}T${form.end}:00+07:00`,
        attendShare: form.share,
        clientRef: newRef(),
      });
      navigate(`/tap-huan/${created.id}`);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  if (!open)
    return (
      <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="tr-new">
        {t('tr.new')}
      </button>
    );
  return (
    <form className="card form" onSubmit={submit} data-testid="tr-new-form">
      <label className="field">
        {t('tr.new.title')}
        <input value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} name="title" />
      </label>
      <SessionFieldset form={form} onChange={(patch) => setForm({ ...form, ...patch })} />
      <p className="muted">{t('tr.new.layout')}</p>
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <button type="submit" className="btn" disabled={busy}>
        {busy ? t('tr.new.creating') : t('tr.new.create')}
      </button>
    </form>
  );
}

/**
 * A staff account's conferences (`trainings.own`): the ones it is registered for or whose audience names it, each with
 * the registration, the time present against the rule, the door's check-in while it is open and the certificate.
 */
export function MyTrainingsPage() {
  const { t } = useI18n();
  const list = useLoad(
    (signal) => api.get<{ personId: string; items: MyEventT[] }>('/api/trainings/mine', {}, signal),
    [],
  );
  const personId = list.data?.personId;
  const status = (e: MyEventT) =>
    !e.registered
      ? t('tr.mine.notRegistered')
      : !e.ended
        ? t('tr.mine.registered')
        : e.certificate
          ? t('tr.mine.attended', { minutes: e.minutes, required: e.requiredMinutes })
          : t('tr.mine.notAttended', { minutes: e.minutes, required: e.requiredMinutes });
  return (
    <section>
      <h1>{t('tr.mine.title')}</h1>
      <p className="muted">{t('tr.mine.intro')}</p>
      <DataTable
        rows={list.data?.items ?? null}
        loading={list.loading}
        error={list.error}
        onRetry={list.reload}
        rowKey={(e) => e.id}
        empty={t('tr.mine.none')}
        testId="tr-mine"
        columns={[
          { header: t('tr.event'), cell: (e) => <strong>{e.title}</strong> },
          {
            header: t('tr.host'),
            cell: (e) => (e.province ? (e.hostName ?? t('tr.hostProvince')) : t('tr.hostMinistry')),
          },
          { header: t('tr.startsAt'), cell: (e) => formatDateTime(e.startsAt) },
          { header: t('tr.mine.status'), cell: status },
          {
            header: '',
            cell: (e) => (
              <>
                {e.scanOpen && <span className="muted">{t('tr.mine.scan')} </span>}
                {e.registered && personId && (
                  <Link href={`/tap-huan/${e.id}/chung-nhan/${personId}`}>
                    {e.certificate ? t('tr.myCertificate') : t('tr.mine.details')}
                  </Link>
                )}
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
