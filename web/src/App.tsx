import { lazy, Suspense } from 'react';
import { NavLink, Route, Routes, useLocation } from 'react-router-dom';
import { useI18n } from './i18n/I18n';
import { CataloguePage } from './pages/CataloguePage';
import { Spinner } from './components/Status';

// Each area loads on its own, so the kiosk does not carry the staff pages and the reverse.
const KioskPage = lazy(() => import('./pages/KioskPage'));
const ChecklistPage = lazy(() => import('./pages/ChecklistPage'));
const SearchPage = lazy(() => import('./pages/SearchPage'));
const StaffPage = lazy(() => import('./staff/StaffPage'));
const ReceiptPage = lazy(() => import('./pages/ReceiptPage'));

export function App() {
  const { t, language, setLanguage } = useI18n();
  const kiosk = useLocation().pathname.startsWith('/kiosk');

  return (
    <div className={kiosk ? 'app app--kiosk' : 'app'}>
      {!kiosk && (
        <header className="topbar">
          <NavLink to="/" className="brand" end>
            <img src="/favicon.svg" alt="" width={32} height={32} />
            <span>{t('app.name')}</span>
          </NavLink>
          <nav className="topbar__nav">
            <NavLink to="/" end>{t('nav.catalogue')}</NavLink>
            <NavLink to="/search">{t('nav.search')}</NavLink>
            <NavLink to="/checklist">{t('nav.checklist')}</NavLink>
            <NavLink to="/kiosk">{t('nav.kiosk')}</NavLink>
            <NavLink to="/staff">{t('nav.staff')}</NavLink>
          </nav>
          <button type="button" className="lang" onClick={() => setLanguage(language === 'ko' ? 'en' : 'ko')}>
            {t('lang.switch')}
          </button>
        </header>
      )}
      <main className="content">
        <Suspense fallback={<Spinner label={t('common.loading')} />}>
          <Routes>
            <Route path="/" element={<CataloguePage />} />
            <Route path="/search" element={<SearchPage />} />
            <Route path="/kiosk/*" element={<KioskPage />} />
            <Route path="/checklist/:code?" element={<ChecklistPage />} />
            <Route path="/staff/*" element={<StaffPage />} />
            <Route path="/orders/:id" element={<ReceiptPage />} />
            <Route path="*" element={<CataloguePage />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
