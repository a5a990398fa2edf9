import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http';
import { staffApi } from '../api/staff';
import type { StaffSession } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { describeError } from '../components/Status';

export function SignInForm({ onSignedIn }: { onSignedIn: (session: StaffSession) => void }) {
  const { t } = useI18n();
  const [userName, setUserName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      onSignedIn(await staffApi.signIn(userName, password));
    } catch (error) {
      setPassword('');
      setMessage(error instanceof ApiError && error.status === 401 ? t('staff.wrongPassword') : describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page page--narrow">
      <form className="panel form" onSubmit={submit} aria-label={t('staff.signIn')}>
        <h1>{t('staff.signIn')}</h1>
        <label>
          {t('staff.userName')}
          <input name="userName" autoComplete="username" value={userName} onChange={(e) => setUserName(e.target.value)} required />
        </label>
        <label>
          {t('staff.password')}
          <input name="password" type="password" autoComplete="current-password" value={password}
            onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {message && <p className="status status--error" role="alert">{message}</p>}
        <button type="submit" className="button button--primary" disabled={busy}>{t('staff.signIn')}</button>
      </form>
    </section>
  );
}
