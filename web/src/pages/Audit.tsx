import { useState } from 'react';
import { api, type AuditEntry, type Page } from '../api';
import { AuditTable } from '../components/AuditTable';
import { ErrorBox, Loading, Pager, useLoad } from '../components/common';
import { useI18n } from '../i18n';

export function AuditPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const res = useLoad((signal) => api.get<Page<AuditEntry>>('/api/audit', { page, pageSize: 50 }, signal), [page]);
  return (
    <div>
      <h1>{t('audit.title')}</h1>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : (
        <AuditTable items={res.data.items} />
      )}
      {res.data && <Pager page={res.data.page} pageSize={res.data.pageSize} total={res.data.total} onPage={setPage} />}
    </div>
  );
}
