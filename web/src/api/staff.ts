import { request, setAntiforgeryToken } from './http';
import type { StaffSession } from './types';

async function remember(session: Promise<StaffSession>) {
  const value = await session;
  setAntiforgeryToken(value.antiforgeryToken);
  return value;
}

/** Staff sign-in lives at the gateway: a session cookie, and the gateway adds the staff key to staff calls. */
export const staffApi = {
  session: () => remember(request<StaffSession>('/api/staff/session')),
  signIn: (userName: string, password: string) =>
    remember(request<StaffSession>('/api/staff/sign-in', { method: 'POST', body: { userName, password } })),
  signOut: () => remember(request<StaffSession>('/api/staff/sign-out', { method: 'POST', body: {} })),
};
