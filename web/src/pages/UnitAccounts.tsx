import { useState, type FormEvent } from 'react';
import { api, ApiError, type Meta, type UnitAccount } from '../api';
import { useUser } from '../auth';
import { ErrorBox, errorText, Loading, useLoad } from '../components/common';
import { useI18n } from '../i18n';
import { UNIT_ROLES, type UnitRole } from '../../../src/core/roles';

type PersonItem = { id: string; fullName: string };

/**
 * The unit administrator's page: the unit's accounts by name and post, a personal account for a staff member with
 * their roles in the unit, role changes, closing and password resets (docs/accounts.md).
 */
export function UnitAccountsPage() {
  const { t } = useI18n();
  const { user, writable } = useUser();
  const unit = user.communeCode ?? user.provinceCode ?? '';
  const list = useLoad((signal) => api.get<{ items: UnitAccount[] }>('/api/unit-accounts', {}, signal), []);
  const people = useLoad(
    (signal) => api.get<{ items: PersonItem[] }>('/api/people', { unit, pageSize: 200 }, signal),
    [unit],
  );
  // the words of the province's single sign-on, when one is configured: accounts may then sign in only through it
  const meta = useLoad((signal) => api.get<Meta>('/api/meta', {}, signal), []);
  const provider = meta.data?.oidc?.label ?? null;
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const act = async (run: () => Promise<unknown>, done: string) => {
    setError(null);
    setNotice(null);
    try {
      await run();
      setNotice(done);
      list.reload();
    } catch (e) {
      setError(e);
    }
  };

  const withAccount = new Set((list.data?.items ?? []).filter((a) => !a.closed).map((a) => a.personId));
  const roleNames = (a: UnitAccount) =>
    a.unitRoles.length
      ? a.unitRoles.map((r) => t(`unitRole.${r}`)).join(', ')
      : t(a.kind === 'unit' ? 'unitAccounts.unitAccount' : a.readOnly ? 'unitRole.readOnly' : 'unitRole.staff');

  return (
    <div>
      <h1>{t('unitAccounts.title')}</h1>
      <p className="muted">{t('unitAccounts.lead')}</p>
      {notice && (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      )}
      {error !== null && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {list.error ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="table cards-on-phone">
            <thead>
              <tr>
                <th>{t('unitAccounts.col.name')}</th>
                <th>{t('unitAccounts.col.post')}</th>
                <th>{t('unitAccounts.col.roles')}</th>
                <th>{t('unitAccounts.col.signIn')}</th>
                <th>{t('unitAccounts.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <tr key={a.id} className={a.closed ? 'muted' : undefined}>
                  <td data-label={t('unitAccounts.col.name')}>{a.name}</td>
                  <td data-label={t('unitAccounts.col.post')}>{a.post ?? t('common.none')}</td>
                  <td data-label={t('unitAccounts.col.roles')}>{a.closed ? t('unitAccounts.closed') : roleNames(a)}</td>
                  <td data-label={t('unitAccounts.col.signIn')}>
                    {a.username}
                    {a.providerOnly && <span className="muted small"> · {t('unitAccounts.providerOnly')}</span>}
                  </td>
                  <td data-label={t('unitAccounts.col.actions')}>
                    {writable && a.managed && <AccountActions account={a} act={act} provider={provider} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {writable && people.data && (
        <NewAccount
          people={people.data.items.filter((p) => !withAccount.has(p.id))}
          act={act}
          provider={provider}
          errorField={error instanceof ApiError ? error.field : undefined}
        />
      )}
    </div>
  );
}

type Act = (run: () => Promise<unknown>, done: string) => Promise<void>;

function RolePicker({ value, onChange }: { value: UnitRole[]; onChange: (v: UnitRole[]) => void }) {
  const { t } = useI18n();
  const { user } = useUser();
  // a personal administrator gives the leader role only if a leader itself (docs/accounts.md); a unit account, all
  const own: string[] = user.unitRoles ?? [];
  const offered = UNIT_ROLES.filter((r) => !own.length || r !== 'leader' || own.includes(r) || value.includes(r));
  return (
    <fieldset className="field checks">
      <legend>{t('unitAccounts.roles')}</legend>
      {offered.map((r) => (
        <label key={r} className="check">
          <input
            type="checkbox"
            checked={value.includes(r)}
            onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))}
          />{' '}
          {t(`unitRole.${r}`)}
        </label>
      ))}
    </fieldset>
  );
}

function AccountActions({ account, act, provider }: { account: UnitAccount; act: Act; provider: string | null }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<'roles' | 'password' | null>(null);
  const [roles, setRoles] = useState<UnitRole[]>(account.unitRoles);
  const [password, setPassword] = useState('');
  return (
    <div className="row-actions">
      <button type="button" className="btn btn-small" onClick={() => setOpen(open === 'roles' ? null : 'roles')}>
        {t('unitAccounts.changeRoles')}
      </button>{' '}
      <button type="button" className="btn btn-small" onClick={() => setOpen(open === 'password' ? null : 'password')}>
        {t(account.providerOnly ? 'unitAccounts.allowPassword' : 'unitAccounts.resetPassword')}
      </button>{' '}
      {provider && !account.providerOnly && (
        <>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              if (window.confirm(t('unitAccounts.confirmProviderOnly', { name: account.name, provider })))
                void act(
                  () =>
                    api.patch(`/api/unit-accounts/${account.id}`, { unitRoles: account.unitRoles, providerOnly: true }),
                  t('unitAccounts.doneProviderOnly'),
                );
            }}
          >
            {t('unitAccounts.makeProviderOnly')}
          </button>{' '}
        </>
      )}
      <button
        type="button"
        className="btn btn-small btn-danger"
        onClick={() => {
          if (window.confirm(t('unitAccounts.confirmClose', { name: account.name })))
            void act(() => api.post(`/api/unit-accounts/${account.id}/close`), t('unitAccounts.doneClose'));
        }}
      >
        {t('unitAccounts.close')}
      </button>
      {open === 'roles' && (
        <div className="inline-form">
          <RolePicker value={roles} onChange={setRoles} />
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() =>
              act(
                () => api.patch(`/api/unit-accounts/${account.id}`, { unitRoles: roles }),
                t('unitAccounts.doneRoles'),
              )
            }
          >
            {t('common.save')}
          </button>
        </div>
      )}
      {open === 'password' && (
        <div className="inline-form">
          <label className="field">
            <span>{t('unitAccounts.newPassword')}</span>
            <input
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="btn btn-primary btn-small"
            disabled={password.length < 10}
            onClick={() =>
              act(
                () => api.post(`/api/unit-accounts/${account.id}/password`, { password }),
                t('unitAccounts.donePassword'),
              )
            }
          >
            {t('common.save')}
          </button>
        </div>
      )}
    </div>
  );
}

function NewAccount({
  people,
  act,
  errorField,
  provider,
}: {
  people: PersonItem[];
  act: Act;
  errorField?: string;
  provider: string | null;
}) {
  const { t } = useI18n();
  const [personId, setPersonId] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [providerOnly, setProviderOnly] = useState(false);
  const [roles, setRoles] = useState<UnitRole[]>([]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const signIn = providerOnly ? { providerOnly: true } : { password };
    void act(
      () => api.post('/api/unit-accounts', { personId, username, ...signIn, unitRoles: roles }),
      t('unitAccounts.doneCreate'),
    ).then(() => {
      setPersonId('');
      setUsername('');
      setPassword('');
      setProviderOnly(false);
      setRoles([]);
    });
  };
  return (
    <section className="panel narrow">
      <h2>{t('unitAccounts.new')}</h2>
      <form onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('unitAccounts.person')}</span>
          <select
            value={personId}
            aria-invalid={errorField === 'personId'}
            onChange={(e) => setPersonId(e.target.value)}
            required
          >
            <option value="">{t('unitAccounts.pickPerson')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.fullName}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('unitAccounts.username')}</span>
          <input
            value={username}
            autoComplete="off"
            aria-invalid={errorField === 'username'}
            onChange={(e) => setUsername(e.target.value.trim().toLowerCase())}
            required
          />
        </label>
        {provider && (
          <label className="check">
            <input type="checkbox" checked={providerOnly} onChange={(e) => setProviderOnly(e.target.checked)} />{' '}
            {t('unitAccounts.providerOnlyNew', { provider })}
          </label>
        )}
        {!providerOnly && (
          <label className="field">
            <span>{t('unitAccounts.password')}</span>
            <input
              type="password"
              autoComplete="new-password"
              value={password}
              aria-invalid={errorField === 'password'}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
          </label>
        )}
        <RolePicker value={roles} onChange={setRoles} />
        <p className="muted small">{t('unitAccounts.noRoleHint')}</p>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!personId || !username || (!providerOnly && password.length < 10)}
        >
          {t('unitAccounts.create')}
        </button>
      </form>
    </section>
  );
}
