import { lazy, Suspense, useEffect, useState } from 'react';
import { useAuth, useUser } from './auth';
import { Loading } from './components/common';
import { useI18n } from './i18n';
import { LangToggle } from './LangToggle';
import { Link, match, navigate, useLocation } from './router';
import { SignIn } from './pages/SignIn';
import { UnitsPage } from './pages/Units';
import { UnitPage } from './pages/Unit';
import { AuditPage } from './pages/Audit';
import { AccountPage } from './pages/Account';
import { DossiersPage } from './pages/Dossiers';
import { DossierIntakePage } from './pages/DossierIntake';
import { DossierPage } from './pages/Dossier';
import { PublicLookupPage } from './pages/PublicLookup';
import { canReceive, canSeeDossiers } from './dossiers';
import type { Role } from './api';
import { canSeeWorkforce } from './workforce';
import { PeoplePage } from './pages/People';
import { PersonPage } from './pages/Person';
import { WorkforceUnitPage } from './pages/WorkforceUnit';
import { RecommendationsPage } from './pages/Recommendations';
import { RecommendationNewPage } from './pages/RecommendationNew';
import { RecommendationPage } from './pages/Recommendation';
import { KnowledgePage } from './pages/Knowledge';
import { NotificationsPage } from './pages/Notifications';
import { canSeeChannel, refreshUnread, useUnread } from './channel';
import { canSeeAssessments } from './assessments';
import { AssessmentsPage } from './pages/Assessments';
import { AssessmentPeriodPage } from './pages/AssessmentPeriod';
import { AssessmentReviewPage } from './pages/AssessmentReview';
import { AssessmentAnnualPage } from './pages/AssessmentAnnual';
import { AssessmentSummaryPage } from './pages/AssessmentSummary';
import { TrainingsPage } from './pages/Trainings';
import { TrainingPage } from './pages/Training';

// The map, the board, the workforce summary and the reinforcement map pull in ECharts: loaded only when opened.
const MapPage = lazy(() => import('./pages/MapPage'));
const ReinforcementPage = lazy(() => import('./pages/Reinforcement').then((m) => ({ default: m.ReinforcementPage })));
const BoardPage = lazy(() => import('./pages/Board'));
const WorkforcePage = lazy(() => import('./pages/Workforce'));

export const canSeeAudit = (role: Role) => role === 'admin' || role === 'ministry' || role === 'province';

export function App() {
  const { state } = useAuth();
  const { path } = useLocation();
  // The citizens' look-up needs no session.
  if (path === '/tra-cuu') return <PublicLookupPage />;
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
    if (path === '/' || path === '/signin') navigate('/units', { replace: true });
  }, [path]);

  const links = [
    ...(canSeeDossiers(user.role)
      ? [
          { href: '/dossiers', label: t('nav.dossiers'), active: path.startsWith('/dossiers') },
          { href: '/board', label: t('nav.board'), active: path === '/board' },
        ]
      : []),
    ...(canSeeChannel(user.role)
      ? [
          {
            href: '/kien-nghi',
            label: t('nav.channel'),
            active: path.startsWith('/kien-nghi') || path.startsWith('/tri-thuc'),
          },
        ]
      : []),
    ...(user.role === 'ministry' || user.role === 'admin'
      ? [{ href: '/tang-cuong', label: t('nav.reinforcement'), active: path.startsWith('/tang-cuong') }]
      : []),
    { href: '/units', label: t('nav.units'), active: path.startsWith('/units') },
    ...(canSeeWorkforce(user.role)
      ? [
          {
            href: '/people',
            label: t('nav.workforce'),
            active: path.startsWith('/people') || path.startsWith('/workforce'),
          },
        ]
      : []),
    ...(canSeeAssessments(user)
      ? [{ href: '/danh-gia', label: t('nav.assessments'), active: path.startsWith('/danh-gia') }]
      : []),
    { href: '/tap-huan', label: t('nav.trainings'), active: path.startsWith('/tap-huan') },
    { href: '/map', label: t('nav.map'), active: path === '/map' },
    ...(canSeeAudit(user.role) ? [{ href: '/audit', label: t('nav.audit'), active: path === '/audit' }] : []),
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
          <Link href="/units" className="brand">
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
        <Routes />
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
  if (path === '/units' || path === '/' || path === '/signin') return <UnitsPage />;
  const unit = match('/units/:code', path);
  if (unit) return <UnitPage key={unit.code} code={unit.code!} />;
  if (path === '/map')
    return (
      <Suspense fallback={<Loading />}>
        <MapPage />
      </Suspense>
    );
  if (canSeeDossiers(user.role)) {
    if (path === '/dossiers') return <DossiersPage />;
    if (path === '/dossiers/new' && canReceive(user.role)) return <DossierIntakePage />;
    const dossier = match('/dossiers/:id', path);
    if (dossier && dossier.id !== 'new') return <DossierPage key={dossier.id} id={dossier.id!} />;
    if (path === '/board')
      return (
        <Suspense fallback={<Loading />}>
          <BoardPage />
        </Suspense>
      );
  }
  if (canSeeWorkforce(user.role)) {
    if (path === '/people') return <PeoplePage />;
    const person = match('/people/:id', path);
    if (person) return <PersonPage key={person.id} id={person.id!} />;
    const staffing = match('/workforce/units/:code', path);
    if (staffing) return <WorkforceUnitPage key={staffing.code} code={staffing.code!} />;
    if (path === '/workforce')
      return (
        <Suspense fallback={<Loading />}>
          <WorkforcePage />
        </Suspense>
      );
  }
  if (canSeeChannel(user.role)) {
    if (path === '/kien-nghi') return <RecommendationsPage />;
    if (path === '/kien-nghi/moi') return <RecommendationNewPage />;
    const rec = match('/kien-nghi/:id', path);
    if (rec) return <RecommendationPage key={rec.id} id={rec.id!} />;
  }
  if (canSeeAssessments(user) && path.startsWith('/danh-gia')) {
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
  if (path === '/tri-thuc') return <KnowledgePage />;
  if (path === '/thong-bao') return <NotificationsPage />;
  if (path === '/tang-cuong' && (user.role === 'ministry' || user.role === 'admin' || user.role === 'province'))
    return (
      <Suspense fallback={<Loading />}>
        <ReinforcementPage />
      </Suspense>
    );
  if (path === '/audit' && canSeeAudit(user.role)) return <AuditPage />;
  if (path === '/tap-huan') return <TrainingsPage />;
  const training = match('/tap-huan/:id', path);
  if (training) return <TrainingPage key={training.id} id={training.id!} />;
  if (path === '/account') return <AccountPage />;
  return (
    <div className="panel">
      <p>{t('common.notFound')}</p>
      <Link href="/units">{t('common.backHome')}</Link>
    </div>
  );
}
