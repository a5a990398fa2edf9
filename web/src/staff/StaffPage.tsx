import { useEffect, useState } from 'react';
import { NavLink, Navigate, Route, Routes } from 'react-router-dom';
import { staffApi } from '../api/staff';
import type { StaffSession } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { ErrorNote, Spinner } from '../components/Status';
import { SignInForm } from './SignInForm';
import { ProductsAdmin } from './ProductsAdmin';
import { OrdersAdmin } from './OrdersAdmin';

export default function StaffPage() {
  const { t } = useI18n();
  const [session, setSession] = useState<StaffSession | null>(null);
  const [error, setError] = useState<unknown>();

  const load = () => {
    setError(undefined);
    staffApi.session().then(setSession, setError);
  };
  useEffect(load, []);

  if (error !== undefined && !session) return <section className="page"><ErrorNote error={error} onRetry={load} /></section>;
  if (!session) return <Spinner label={t('common.loading')} />;
  if (!session.signedIn) return <SignInForm onSignedIn={setSession} />;

  return (
    <section className="page">
      <div className="page__head">
        <h1>{t('staff.title')}</h1>
        <div className="row">
          <span className="muted" data-testid="staff-user">{t('staff.signedInAs', { name: session.userName ?? '' })}</span>
          <button type="button" className="button button--ghost"
            onClick={() => staffApi.signOut().then(setSession, setError)}>{t('staff.signOut')}</button>
        </div>
      </div>
      <nav className="tabs">
        <NavLink to="/staff/products">{t('staff.products')}</NavLink>
        <NavLink to="/staff/orders">{t('staff.orders')}</NavLink>
      </nav>
      <Routes>
        <Route path="products" element={<ProductsAdmin />} />
        <Route path="orders" element={<OrdersAdmin />} />
        <Route path="*" element={<Navigate to="/staff/products" replace />} />
      </Routes>
    </section>
  );
}
