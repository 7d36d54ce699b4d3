import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { client, setCsrfToken } from './api/client';
import type { Me } from './api/models';
import { HeaderSearch } from './features/search/header-search';
import { type Language, setLanguage } from './i18n/i18n';

export function Layout({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const isRep = me.role === 'rep';
  // On a phone the navigation folds behind a Menu button, and folds again after each choice.
  const [isMenuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setMenuOpen(false), [location.pathname]);
  const logout = useMutation({
    mutationFn: () => client.POST('/api/v1/auth/logout'),
    onSuccess: () => {
      setCsrfToken(null);
      return queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <strong className="brand">{t('app.name')}</strong>
        <button
          type="button"
          className="menu-button touch-button"
          aria-expanded={isMenuOpen}
          aria-controls="main-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          {t('nav.menu')}
        </button>
        <HeaderSearch />
        <div id="main-menu" className={`topbar__menu${isMenuOpen ? ' is-open' : ''}`}>
          <nav aria-label={t('nav.main')}>
            <NavLink to={isRep ? '/' : '/my-day'} end>
              {t('nav.myDay')}
            </NavLink>
            <NavLink to={isRep ? '/board' : '/'} end>
              {t('nav.board')}
            </NavLink>
            <NavLink to="/review">{t('nav.review')}</NavLink>
            <NavLink to="/dashboard">{t('nav.dashboard')}</NavLink>
            <NavLink to="/forecast">{t('nav.forecast')}</NavLink>
            <NavLink to="/pipeline-changes">{t('nav.pipelineChanges')}</NavLink>
            <NavLink to="/deals">{t('nav.deals')}</NavLink>
            <NavLink to="/companies">{t('nav.companies')}</NavLink>
            <NavLink to="/contacts">{t('nav.contacts')}</NavLink>
            <NavLink to="/activities">{t('nav.activities')}</NavLink>
            {(me.role === 'admin' || me.role === 'manager') && (
              <NavLink to="/import">{t('nav.import')}</NavLink>
            )}
            <NavLink to="/settings">{t('nav.settings')}</NavLink>
          </nav>
          <span className="spacer" />
          <label className="language">
            <span className="visually-hidden">{t('nav.language')}</span>
            <select
              value={i18n.language}
              onChange={(event) => void setLanguage(event.target.value as Language)}
            >
              <option value="en">{t('language.en')}</option>
              <option value="ar">{t('language.ar')}</option>
            </select>
          </label>
          <span className="who">{me.user?.name}</span>
          <button type="button" onClick={() => logout.mutate()}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main id="main">
        <Outlet />
      </main>
    </div>
  );
}
