// Who is logged in, and the workspace they see. Filled from GET /api/v1/session and
// /api/v1/workspace at start and by the login form.
import { apiGet, apiSend, setCsrfToken } from '../shared/api';
import { createStore } from '../shared/store';
import type { SessionAnswer, User, Workspace } from '../shared/types';

export type Session =
  | { status: 'checking' }
  | { status: 'anonymous' }
  | { status: 'signedIn'; user: User; workspace: Workspace };

export const sessionStore = createStore<Session>({ status: 'checking' });

// Whether this browser logged in before: without it the start skips asking the server
// for a session it cannot have (a 401 that would only clutter the console).
const SIGNED_IN_KEY = 'bellwether.signedIn';
function remember(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN_KEY, '1');
    else localStorage.removeItem(SIGNED_IN_KEY);
  } catch {
    // storage unavailable: the session is checked every time
  }
}
function maybeSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_KEY) === '1';
  } catch {
    return true;
  }
}

async function enter(answer: SessionAnswer, workspaceAnswer?: Workspace): Promise<void> {
  remember(true);
  setCsrfToken(answer.csrf_token);
  const workspace = workspaceAnswer ?? (await apiGet<Workspace>('/workspace'));
  sessionStore.set({ status: 'signedIn', user: answer.user, workspace });
}

export async function checkSession(): Promise<void> {
  if (!maybeSignedIn()) {
    sessionStore.set({ status: 'anonymous' });
    return;
  }
  try {
    // Both at once: a page load waits for one round trip, not two.
    const [answer, workspace] = await Promise.all([
      apiGet<SessionAnswer>('/session'),
      apiGet<Workspace>('/workspace'),
    ]);
    await enter(answer, workspace);
  } catch {
    remember(false);
    setCsrfToken(null);
    sessionStore.set({ status: 'anonymous' });
  }
}

// Errors: ApiError 401 (wrong email or password), 429 (throttled), others.
export async function logIn(email: string, password: string): Promise<void> {
  await enter(await apiSend<SessionAnswer>('POST', '/session', { email, password }));
}

export async function logOut(): Promise<void> {
  try {
    await apiSend('DELETE', '/session');
  } finally {
    remember(false);
    setCsrfToken(null);
    sessionStore.set({ status: 'anonymous' });
  }
}

// A request answered 401: the session ended (timeout, logout elsewhere).
export function sessionEnded(): void {
  remember(false);
  setCsrfToken(null);
  sessionStore.set({ status: 'anonymous' });
}
