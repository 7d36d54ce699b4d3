import { type ComponentType, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LoginPage } from './features/auth/login-page';
import { SetupPage } from './features/auth/setup-page';
import { BoardPage } from './features/board/board-page';
import { SurveyPage } from './features/survey/survey-page';
import { Layout } from './layout';
import { useSession, useSetupStatus } from './session';

// Everything but the board loads on demand, so the board's first paint waits for nothing else.
const DealPage = lazy(() => import('./features/deals/deal-page'));
const ForecastPage = lazy(() => import('./features/forecast/forecast-page'));
const DashboardPage = lazy(() => import('./features/dashboard/dashboard-page'));
const DealsListPage = lazy(() => import('./features/lists/deals-list-page'));
const CompaniesListPage = lazy(() => import('./features/lists/companies-list-page'));
const ContactsListPage = lazy(() => import('./features/lists/contacts-list-page'));
const ActivitiesListPage = lazy(() => import('./features/lists/activities-list-page'));
const SettingsPage = lazy(() => import('./features/settings/settings-page'));
const PipelineChangesPage = lazy(() => import('./features/pipeline-changes/pipeline-changes-page'));
const ImportPage = lazy(() => import('./features/import/import-page'));
const MyDayPage = lazy(() => import('./features/my-day/my-day-page'));
const ReviewPage = lazy(() => import('./features/review/review-page'));
const CompanyPage = lazy(() => import('./features/records/company-page'));
const ContactPage = lazy(() => import('./features/records/contact-page'));

/** The lazily loaded pages, by path. */
const LAZY_PAGES = [
  ['deals', DealsListPage],
  ['companies', CompaniesListPage],
  ['contacts', ContactsListPage],
  ['activities', ActivitiesListPage],
  ['settings', SettingsPage],
  ['pipeline-changes', PipelineChangesPage],
  ['import', ImportPage],
  ['review', ReviewPage],
  ['companies/:id', CompanyPage],
  ['contacts/:id', ContactPage],
] as const;

function Lazy({ page: Page }: { page: ComponentType }) {
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}

function Loading() {
  const { t } = useTranslation();
  return <p className="loading">{t('app.name')}…</p>;
}

/** A satisfaction survey's address: `/survey/<token>`, answered without signing in. */
function surveyToken(): string | null {
  const match = /^\/survey\/([A-Za-z0-9_-]{10,200})$/.exec(window.location.pathname);
  return match?.[1] ?? null;
}

export function App() {
  const token = surveyToken();
  if (token) return <SurveyPage token={token} />;
  return <SignedInApp />;
}

function SignedInApp() {
  const setup = useSetupStatus();
  const session = useSession();
  if (setup.isPending || session.isPending) return <Loading />;
  if (setup.data?.isNeeded) {
    return (
      <BrowserRouter>
        <Routes>
          <Route path="*" element={<SetupPage />} />
        </Routes>
      </BrowserRouter>
    );
  }
  if (!session.data) {
    return (
      <BrowserRouter>
        <Routes>
          <Route path="*" element={<LoginPage />} />
        </Routes>
      </BrowserRouter>
    );
  }
  const isRep = session.data.role === 'rep';
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout me={session.data} />}>
          {/* A rep's day starts at My day; a manager's at the board, My day a tab away. */}
          <Route index element={isRep ? <Lazy page={MyDayPage} /> : <BoardPage />} />
          <Route
            path={isRep ? 'board' : 'my-day'}
            element={isRep ? <BoardPage /> : <Lazy page={MyDayPage} />}
          />
          <Route path="deals/:id" element={<Lazy page={DealPage} />} />
          <Route path="forecast" element={<Lazy page={ForecastPage} />} />
          <Route path="dashboard" element={<Lazy page={DashboardPage} />} />
          {LAZY_PAGES.map(([path, Page]) => (
            <Route key={path} path={path} element={<Lazy page={Page} />} />
          ))}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
