import { lazy as reactLazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { can, useAuth, useUser } from './auth';
import { Loading } from './components/common';
import { messagesReady, useI18n } from './i18n';
import { LangToggle } from './LangToggle';
import { Link, match, navigate, useLocation } from './router';
import { SignIn } from './pages/SignIn';
import { PublicLookupPage } from './pages/PublicLookup';
import { refreshUnread, useUnread } from './channel';
import { homeOf } from './landing';

/** A page loaded when first opened, shown once the whole catalogue of messages is there (the first load has a part). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const lazy = <T extends ComponentType<any>>(load: () => Promise<{ default: T }>) =>
  reactLazy(() => Promise.all([load(), messagesReady()]).then(([m]) => m));

// Every page but the sign-in and the citizens' look-up is loaded when first opened: the first load on a commune's weak
// connection carries the shell only (the map, the board, the workforce summary and the reinforcement map also pull
// in ECharts).
const CertificateCheckPage = lazy(() =>
  import('./pages/CertificateCheck').then((m) => ({ default: m.CertificateCheckPage })),
);
const TrainingsPage = lazy(() => import('./pages/Trainings').then((m) => ({ default: m.TrainingsPage })));
const MyTrainingsPage = lazy(() => import('./pages/Trainings').then((m) => ({ default: m.MyTrainingsPage })));
const TrainingPage = lazy(() => import('./pages/Training').then((m) => ({ default: m.TrainingPage })));
const TrainingScanPage = lazy(() => import('./pages/TrainingForms').then((m) => ({ default: m.TrainingScanPage })));
const TrainingCertificatePage = lazy(() =>
  import('./pages/TrainingForms').then((m) => ({ default: m.TrainingCertificatePage })),
);
const ReportsRoutes = lazy(() => import('./pages/Reports').then((m) => ({ default: m.ReportsRoutes })));
const SettlementRoutes = lazy(() => import('./pages/Settlement').then((m) => ({ default: m.SettlementRoutes })));
const UnitsPage = lazy(() => import('./pages/Units').then((m) => ({ default: m.UnitsPage })));
const UnitPage = lazy(() => import('./pages/Unit').then((m) => ({ default: m.UnitPage })));
const AuditPage = lazy(() => import('./pages/Audit').then((m) => ({ default: m.AuditPage })));
const AccountPage = lazy(() => import('./pages/Account').then((m) => ({ default: m.AccountPage })));
const DossiersPage = lazy(() => import('./pages/Dossiers').then((m) => ({ default: m.DossiersPage })));
const DossierIntakePage = lazy(() => import('./pages/DossierIntake').then((m) => ({ default: m.DossierIntakePage })));
const QueuePage = lazy(() => import('./pages/Queue').then((m) => ({ default: m.QueuePage })));
const DossierPage = lazy(() => import('./pages/Dossier').then((m) => ({ default: m.DossierPage })));
const PeoplePage = lazy(() => import('./pages/People').then((m) => ({ default: m.PeoplePage })));
const PersonPage = lazy(() => import('./pages/Person').then((m) => ({ default: m.PersonPage })));
const WorkforceUnitPage = lazy(() => import('./pages/WorkforceUnit').then((m) => ({ default: m.WorkforceUnitPage })));
const RecommendationsPage = lazy(() =>
  import('./pages/Recommendations').then((m) => ({ default: m.RecommendationsPage })),
);
const RecommendationNewPage = lazy(() =>
  import('./pages/RecommendationNew').then((m) => ({ default: m.RecommendationNewPage })),
);
const RecommendationPage = lazy(() =>
  import('./pages/Recommendation').then((m) => ({ default: m.RecommendationPage })),
);
const KnowledgePage = lazy(() => import('./pages/Knowledge').then((m) => ({ default: m.KnowledgePage })));
const NotificationsPage = lazy(() => import('./pages/Notifications').then((m) => ({ default: m.NotificationsPage })));
const AssessmentsPage = lazy(() => import('./pages/Assessments').then((m) => ({ default: m.AssessmentsPage })));
const AssessmentPeriodPage = lazy(() =>
  import('./pages/AssessmentPeriod').then((m) => ({ default: m.AssessmentPeriodPage })),
);
const AssessmentReviewPage = lazy(() =>
  import('./pages/AssessmentReview').then((m) => ({ default: m.AssessmentReviewPage })),
);
const AssessmentAnnualPage = lazy(() =>
  import('./pages/AssessmentAnnual').then((m) => ({ default: m.AssessmentAnnualPage })),
);
const AssessmentSummaryPage = lazy(() =>
  import('./pages/AssessmentSummary').then((m) => ({ default: m.AssessmentSummaryPage })),
);
const MapPage = lazy(() => import('./pages/MapPage'));
const ReinforcementPage = lazy(() => import('./pages/Reinforcement').then((m) => ({ default: m.ReinforcementPage })));
const BoardPage = lazy(() => import('./pages/Board'));
const WorkforcePage = lazy(() => import('./pages/Workforce'));
const ArchivesPage = lazy(() => import('./pages/Archives'));
const ArchiveBatchPage = lazy(() => import('./pages/ArchivesDigitization').then((m) => ({ default: m.BatchPage })));
const OrganisationsPage = lazy(() => import('./pages/Organisations').then((m) => ({ default: m.OrganisationsPage })));

// The unit administrator's page: a few users open it, loaded when opened.
const UnitAccountsPage = lazy(() => import('./pages/UnitAccounts').then((m) => ({ default: m.UnitAccountsPage })));

export function App() {
  const { state } = useAuth();
  const { path } = useLocation();
  // The citizens' look-up needs no session.
  if (path === '/tra-cuu') return <PublicLookupPage />;
  // The check of a training certificate, opened from the QR code printed on it: no session either.
  const certificateCheck = match('/trainings/certificates/:code', path);
  if (certificateCheck)
    return (
      <Suspense fallback={<Loading />}>
        <CertificateCheckPage code={certificateCheck.code!} />
      </Suspense>
    );
  if (state.status === 'loading') {
    return (
      <div className="center-page">
        <Loading />
      </div>
    );
  }
  if (state.status === 'signedOut') return <SignIn notice={state.notice} />;
  return <Shell key={state.user.id} />;
}

function Shell() {
  const { t } = useI18n();
  const { signOut, scopeName } = useAuth();
  const { user, writable } = useUser();
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [signOutError, setSignOutError] = useState(false);

  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    if (path === '/' || path === '/signin') navigate(homeOf(user), { replace: true });
  }, [path]);

  const links = [
    ...(can(user, 'dossiers.queue')
      ? [{ href: '/hang-doi', label: t('nav.queue'), active: path === '/hang-doi' }]
      : []),
    ...(can(user, 'dossiers.read')
      ? [{ href: '/dossiers', label: t('nav.dossiers'), active: path.startsWith('/dossiers') }]
      : []),
    ...(can(user, 'dossiers.figures') ? [{ href: '/board', label: t('nav.board'), active: path === '/board' }] : []),
    ...(can(user, 'channel.read')
      ? [
          {
            href: '/kien-nghi',
            label: t('nav.channel'),
            active: path.startsWith('/kien-nghi') || path.startsWith('/tri-thuc'),
          },
        ]
      : []),
    ...(can(user, 'reinforcement.manage') || can(user, 'reinforcement.field')
      ? [{ href: '/tang-cuong', label: t('nav.reinforcement'), active: path.startsWith('/tang-cuong') }]
      : []),
    ...(can(user, 'units.read') ? [{ href: '/units', label: t('nav.units'), active: path.startsWith('/units') }] : []),
    ...(can(user, 'workforce.read')
      ? [
          {
            href: '/people',
            label: t('nav.workforce'),
            active: path.startsWith('/people') || path.startsWith('/workforce'),
          },
        ]
      : []),
    ...(can(user, 'assessments.read') || can(user, 'assessments.own')
      ? [{ href: '/danh-gia', label: t('nav.assessments'), active: path.startsWith('/danh-gia') }]
      : []),
    ...(can(user, 'settlement.read')
      ? [{ href: '/nghi-viec', label: t('nav.settlement'), active: path.startsWith('/nghi-viec') }]
      : []),
    ...(can(user, 'archives.read')
      ? [{ href: '/luu-tru', label: t('nav.archives'), active: path.startsWith('/luu-tru') }]
      : []),
    ...(can(user, 'organisations.read')
      ? [{ href: '/sap-xep-don-vi', label: t('nav.organisations'), active: path === '/sap-xep-don-vi' }]
      : []),
    ...(can(user, 'trainings.read') || can(user, 'trainings.own')
      ? [{ href: '/tap-huan', label: t('nav.trainings'), active: path.startsWith('/tap-huan') }]
      : []),
    ...(can(user, 'reports.read')
      ? [{ href: '/bao-cao', label: t('nav.reports'), active: path.startsWith('/bao-cao') }]
      : []),
    { href: '/map', label: t('nav.map'), active: path === '/map' },
    ...(can(user, 'audit.read') ? [{ href: '/audit', label: t('nav.audit'), active: path === '/audit' }] : []),
    ...(can(user, 'accounts.unit')
      ? [{ href: '/tai-khoan-don-vi', label: t('nav.unitAccounts'), active: path === '/tai-khoan-don-vi' }]
      : []),
    { href: '/account', label: t('nav.account'), active: path === '/account' },
  ];

  const scope = user.provinceCode ? (scopeName ?? '…') : t('scope.country');

  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="header">
        <div className="header-row">
          <Link href={homeOf(user)} className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </Link>
          <div className="header-tools">
            <Bell />
            <LangToggle />
            <button
              type="button"
              className="btn btn-small menu-button"
              aria-expanded={menuOpen}
              aria-controls="main-nav"
              onClick={() => setMenuOpen((o) => !o)}
            >
              ☰ {t('nav.menu')}
            </button>
          </div>
        </div>
        <div className={`nav-row${menuOpen ? ' open' : ''}`} id="main-nav">
          <nav aria-label={t('nav.menu')}>
            <ul className="nav">
              {links.map((l) => (
                <li key={l.href}>
                  <Link
                    href={l.href}
                    className={l.active ? 'active' : undefined}
                    aria-current={l.active ? 'page' : undefined}
                  >
                    {l.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="user-box">
            <span className="user-name" data-testid="user-name">
              {user.displayName}
            </span>
            <span className="user-scope">
              {t(`role.${user.role}`)} · {scope}
            </span>
            {writable && (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  setSignOutError(false);
                  signOut().catch(() => setSignOutError(true));
                }}
              >
                {t('nav.signOut')}
              </button>
            )}
          </div>
        </div>
      </header>
      {signOutError && (
        <p className="alert alert-error container" role="alert">
          {t('common.networkError')}
        </p>
      )}
      {!writable && <p className="alert alert-info container">{t('shell.readOnlyTab')}</p>}
      <main id="main" className="container">
        <Suspense fallback={<Loading />}>
          <Routes />
        </Suspense>
      </main>
    </div>
  );
}

/** The notifications bell: the unread count, refreshed on each page change and every minute. */
function Bell() {
  const { t } = useI18n();
  const { path } = useLocation();
  const n = useUnread();
  useEffect(() => {
    void refreshUnread();
  }, [path]);
  useEffect(() => {
    const timer = setInterval(() => void refreshUnread(), 60_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <Link
      href="/thong-bao"
      className={`btn btn-small bell${path === '/thong-bao' ? ' active' : ''}`}
      aria-label={t('notif.bell', { n })}
      data-testid="bell"
    >
      <svg
        aria-hidden="true"
        width="18"
        height="18"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {n > 0 && (
        <span className="bell-count" data-testid="bell-count">
          {n > 99 ? '99+' : n}
        </span>
      )}
    </Link>
  );
}

function Routes() {
  const { t } = useI18n();
  const { path } = useLocation();
  const { user } = useUser();
  // '/' and '/signin' are sent to the user's landing page (Shell)
  if (path === '/' || path === '/signin') return <Loading />;
  if (path === '/units') return <UnitsPage />;
  const unit = match('/units/:code', path);
  if (unit) return <UnitPage key={unit.code} code={unit.code!} />;
  if (path === '/luu-tru' && can(user, 'archives.read'))
    return (
      <Suspense fallback={<Loading />}>
        <ArchivesPage />
      </Suspense>
    );
  const archiveBatch = match('/luu-tru/lo/:id', path);
  if (archiveBatch && can(user, 'archives.read'))
    return (
      <Suspense fallback={<Loading />}>
        <ArchiveBatchPage key={archiveBatch.id} id={archiveBatch.id!} />
      </Suspense>
    );
  if (path === '/sap-xep-don-vi' && can(user, 'organisations.read')) return <OrganisationsPage />;
  if (path === '/map')
    return (
      <Suspense fallback={<Loading />}>
        <MapPage />
      </Suspense>
    );
  if (can(user, 'dossiers.queue') && path === '/hang-doi') return <QueuePage />;
  if (can(user, 'dossiers.read')) {
    if (path === '/dossiers') return <DossiersPage />;
    if (path === '/dossiers/new' && can(user, 'dossiers.receive')) return <DossierIntakePage />;
    const dossier = match('/dossiers/:id', path);
    if (dossier && dossier.id !== 'new') return <DossierPage key={dossier.id} id={dossier.id!} />;
  }
  if (can(user, 'dossiers.figures')) {
    if (path === '/board')
      return (
        <Suspense fallback={<Loading />}>
          <BoardPage />
        </Suspense>
      );
  }
  const person = match('/people/:id', path);
  // A staff account opens its own record (the API refuses it any other).
  if (person && (can(user, 'workforce.read') || person.id === user.personId))
    return <PersonPage key={person.id} id={person.id!} />;
  if (can(user, 'workforce.read')) {
    if (path === '/people') return <PeoplePage />;
    const staffing = match('/workforce/units/:code', path);
    if (staffing) return <WorkforceUnitPage key={staffing.code} code={staffing.code!} />;
    if (path === '/workforce')
      return (
        <Suspense fallback={<Loading />}>
          <WorkforcePage />
        </Suspense>
      );
  }
  if (can(user, 'channel.read')) {
    if (path === '/kien-nghi') return <RecommendationsPage />;
    if (path === '/kien-nghi/moi') return <RecommendationNewPage />;
    const rec = match('/kien-nghi/:id', path);
    if (rec) return <RecommendationPage key={rec.id} id={rec.id!} />;
  }
  if ((can(user, 'assessments.read') || can(user, 'assessments.own')) && path.startsWith('/danh-gia')) {
    if (path === '/danh-gia') return <AssessmentsPage />;
    if (path === '/danh-gia/tong-hop') return <AssessmentSummaryPage />;
    const review = match('/danh-gia/ky/:id/nguoi/:personId', path);
    if (review) return <AssessmentReviewPage key={path} periodId={review.id!} personId={review.personId!} />;
    const period = match('/danh-gia/ky/:id', path);
    if (period) return <AssessmentPeriodPage key={period.id} id={period.id!} />;
    const annual = match('/danh-gia/nam/:code/:year', path);
    if (annual && /^\d{4}$/.test(annual.year!))
      return <AssessmentAnnualPage key={path} code={annual.code!} year={Number(annual.year)} />;
  }
  if (path.startsWith('/nghi-viec') && can(user, 'settlement.read')) return <SettlementRoutes />;
  if (path.startsWith('/bao-cao') && can(user, 'reports.read')) return <ReportsRoutes />;
  if (path === '/tri-thuc') return <KnowledgePage />;
  if (path === '/thong-bao') return <NotificationsPage />;
  if (path === '/tang-cuong' && can(user, 'reinforcement.read'))
    return (
      <Suspense fallback={<Loading />}>
        <ReinforcementPage />
      </Suspense>
    );
  if (path === '/audit' && can(user, 'audit.read')) return <AuditPage />;
  if (path === '/tai-khoan-don-vi' && can(user, 'accounts.unit'))
    return (
      <Suspense fallback={<Loading />}>
        <UnitAccountsPage />
      </Suspense>
    );
  // A conference's check-in (the bridge's QR) and certificate pages: for the attendee's own account too.
  const trainingScan = match('/tap-huan/:id/diem-danh', path);
  if (trainingScan) return <TrainingScanPage key={trainingScan.id} id={trainingScan.id!} />;
  const trainingCertificate = match('/tap-huan/:id/chung-nhan/:personId', path);
  if (trainingCertificate)
    return <TrainingCertificatePage key={path} id={trainingCertificate.id!} personId={trainingCertificate.personId!} />;
  if (path === '/tap-huan' && can(user, 'trainings.read')) return <TrainingsPage />;
  // one's own conferences (registration, time present, check-in, certificate): a staff account's only training page,
  // and beside the units' list for a unit's personal account
  if ((path === '/tap-huan' || path === '/tap-huan/cua-toi') && can(user, 'trainings.own')) return <MyTrainingsPage />;
  const training = match('/tap-huan/:id', path);
  if (training && can(user, 'trainings.read')) return <TrainingPage key={training.id} id={training.id!} />;
  if (training && can(user, 'trainings.own') && user.personId)
    return <TrainingCertificatePage key={path} id={training.id!} personId={user.personId} />;
  if (path === '/account') return <AccountPage />;
  return (
    <div className="panel">
      <p>{t('common.notFound')}</p>
      <Link href={homeOf(user)}>{t('common.backHome')}</Link>
    </div>
  );
}
