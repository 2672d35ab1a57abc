import { useEffect, useState } from 'react';
import { api } from '../api';
import { useUser } from '../auth';
import { ErrorBox, Loading, errorText, useLoad } from '../components/common';
import { notificationHref, setUnread } from '../channel';
import type { NotificationList } from '../../../src/modules/recommendations/contract';
import { formatDateTime } from '../format';
import { maybe, useI18n } from '../i18n';
import { Link } from '../router';

export function NotificationsPage() {
  const { t } = useI18n();
  const { writable } = useUser();
  const res = useLoad((signal) => api.get<NotificationList>('/api/notifications', { limit: 100 }, signal), []);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (res.data) setUnread(res.data.unread);
  }, [res.data]);

  const markRead = async (body: { ids?: number[]; all?: boolean }) => {
    setError(null);
    try {
      await api.post('/api/notifications/read', body);
      res.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="notif-page">
      <div className="page-head">
        <h1>{t('notif.title')}</h1>
        {writable && !!res.data?.unread && (
          <button type="button" className="btn" onClick={() => void markRead({ all: true })}>
            {t('notif.markAll')}
          </button>
        )}
      </div>
      {error !== null && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : res.data.items.length === 0 ? (
        <p className="empty">{t('notif.none')}</p>
      ) : (
        <ul className="notif-list" data-testid="notifications">
          {res.data.items.map((n) => {
            const href = notificationHref(n);
            return (
              <li key={n.id} className={n.readAt ? 'notif read' : 'notif unread'}>
                <div>
                  <span className="muted small">
                    {formatDateTime(n.createdAt)} · {maybe(t, `notif.kind.${n.kind}`, n.kind)}
                    {!n.readAt && <span className="badge notif-new">{t('notif.new')}</span>}
                  </span>
                  <span className="block strong">
                    {href ? (
                      <Link
                        href={href}
                        onClick={() => (n.readAt || !writable ? undefined : void markRead({ ids: [n.id] }))}
                      >
                        {n.title}
                      </Link>
                    ) : (
                      n.title
                    )}
                  </span>
                  {n.body && <span className="block small prewrap">{n.body}</span>}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
