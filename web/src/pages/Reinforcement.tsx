import { can, useUser } from '../auth';
import { ErrorBox, Loading } from '../components/common';
import { useAssignment } from '../channel';
import { useI18n } from '../i18n';
import { OfficerWeek } from './reinforcement/OfficerWeek';
import { SupportView } from './reinforcement/SupportView';

export function ReinforcementPage() {
  const { t } = useI18n();
  const { user } = useUser();
  const a = useAssignment();
  if (a.error) return <ErrorBox error={a.error} onRetry={a.reload} />;
  if (!a.data) return <Loading />;
  if (a.data.officer && a.data.phase) return <OfficerWeek phase={a.data.phase} officer={a.data.officer} />;
  if (can(user, 'reinforcement.manage')) return <SupportView />;
  return <p className="empty">{t('rf.notOfficer')}</p>;
}
