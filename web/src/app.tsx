import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { LoginPage } from './features/auth/login-page';
import { SetupPage } from './features/auth/setup-page';
import { BoardPage } from './features/board/board-page';
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

/** The lazily loaded pages, by path. */
const LAZY_PAGES = [
  ['deals', DealsListPage],
  ['companies', CompaniesListPage],
  ['contacts', ContactsListPage],
  ['activities', ActivitiesListPage],
  ['settings', SettingsPage],
] as const;

function Loading() {
  const { t } = useTranslation();
  return <p className="loading">{t('app.name')}…</p>;
}

export function App() {
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
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout me={session.data} />}>
          <Route index element={<BoardPage />} />
          <Route
            path="deals/:id"
            element={
              <Suspense fallback={<Loading />}>
                <DealPage />
              </Suspense>
            }
          />
          <Route
            path="forecast"
            element={
              <Suspense fallback={<Loading />}>
                <ForecastPage />
              </Suspense>
            }
          />
          <Route
            path="dashboard"
            element={
              <Suspense fallback={<Loading />}>
                <DashboardPage />
              </Suspense>
            }
          />
          {LAZY_PAGES.map(([path, Page]) => (
            <Route
              key={path}
              path={path}
              element={
                <Suspense fallback={<Loading />}>
                  <Page />
                </Suspense>
              }
            />
          ))}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
