/**
 * The console's shell: the sign-in page, or (signed in) the navigation, the language and
 * the view the address names (`#/escalations`, `#/flags`, `#/creator/shopvid/lena`,
 * `#/metrics`, `#/agreement`).
 */
import { useEffect, useState } from 'preact/hooks';
import { I18nContext, type Translate, useT } from '@/components/i18n-context';
import type { MessageKey } from '@/lib/i18n/keys';
import { LANGUAGE_NAMES, UI_LANGUAGES, type UiLanguage } from '@/lib/shared/settings/languages';
import { ApiError, CSRF, call, whenSignedOut } from './api';
import { loadLanguage, preferredLanguage, rememberLanguage } from './i18n';
import { type SessionInfo, sessionSchema } from './schemas';
import { AgreementView } from './views/agreement';
import { CreatorPage } from './views/creator';
import { EscalationsView } from './views/escalations';
import { FlagsView } from './views/flags';
import { MetricsView } from './views/metrics';

const VIEWS = ['escalations', 'flags', 'creator', 'metrics', 'agreement'] as const;
type ViewName = (typeof VIEWS)[number];
const VIEW_LABEL: Record<ViewName, MessageKey> = {
  escalations: 'consoleNavEscalations',
  flags: 'consoleNavFlags',
  creator: 'consoleNavCreator',
  metrics: 'consoleNavMetrics',
  agreement: 'consoleNavAgreement',
};

function parseHash(hash: string): { view: ViewName; args: string[] } {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return '';
      }
    });
  const view = (VIEWS as readonly string[]).includes(parts[0] ?? '')
    ? (parts[0] as ViewName)
    : 'escalations';
  return { view, args: parts.slice(1) };
}

function useHash() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function SignIn({ onSignedIn, ended }: { onSignedIn: (s: SessionInfo) => void; ended: boolean }) {
  const t = useT();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const value = token.trim();
    if (!/^fpt_[A-Za-z0-9_-]{43}$/.test(value)) {
      setError(t('consoleSignInShape'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const session = await call(sessionSchema, '/console/api/session', {
        method: 'POST',
        body: {},
        headers: { Authorization: `Bearer ${value}`, ...CSRF },
      });
      setToken('');
      onSignedIn(session);
    } catch (caught) {
      const status = caught instanceof ApiError ? caught.status : 0;
      setError(
        status === 401
          ? t('consoleSignInUnknown')
          : status === 403
            ? t('consoleSignInNotLead')
            : status === 429
              ? t('consoleSignInTooMany')
              : t('consoleRequestFailed', caught instanceof Error ? caught.message : ''),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in" data-testid="console-sign-in">
      <h1>{t('consoleTitle')}</h1>
      <p>{t('consoleSignInIntro')}</p>
      {ended && (
        <p class="notice" role="status" data-testid="console-session-ended">
          {t('consoleSessionEnded')}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <label for="console-token">{t('consoleSignInToken')}</label>
        <input
          id="console-token"
          type="password"
          autocomplete="off"
          spellcheck={false}
          value={token}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'console-token-error' : undefined}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
          data-testid="console-token"
        />
        {error && (
          <p
            class="field-error"
            id="console-token-error"
            role="alert"
            data-testid="console-sign-in-error"
          >
            {error}
          </p>
        )}
        <button type="submit" disabled={busy} data-testid="console-sign-in-submit">
          {t('consoleSignIn')}
        </button>
      </form>
    </main>
  );
}

function Shell({
  session,
  language,
  onLanguage,
  onSignOut,
}: {
  session: SessionInfo;
  language: UiLanguage;
  onLanguage: (l: UiLanguage) => void;
  onSignOut: () => void;
}) {
  const t = useT();
  const { view, args } = parseHash(useHash());
  return (
    <>
      <a class="skip" href="#console-main">
        {t('consoleSkipToContent')}
      </a>
      <header class="shell-head">
        <span class="brand">{t('consoleTitle')}</span>
        <nav aria-label={t('consoleNavLabel')}>
          <ul>
            {VIEWS.map((name) => (
              <li key={name}>
                <a
                  href={`#/${name}`}
                  aria-current={view === name ? 'page' : undefined}
                  data-testid={`console-nav-${name}`}
                >
                  {t(VIEW_LABEL[name])}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <label for="console-language">{t('consoleLanguage')}</label>
          <select
            id="console-language"
            value={language}
            data-testid="console-language"
            onChange={(e) => onLanguage((e.target as HTMLSelectElement).value as UiLanguage)}
          >
            {UI_LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
          <span data-testid="console-who">
            {t('consoleSignedInAs', [
              session.reviewer,
              t(session.role === 'admin' ? 'consoleRoleAdmin' : 'consoleRoleLead'),
            ])}
          </span>
          <button
            type="button"
            class="secondary"
            onClick={onSignOut}
            data-testid="console-sign-out"
          >
            {t('consoleSignOut')}
          </button>
        </div>
      </header>
      <main id="console-main" tabIndex={-1} data-testid={`console-view-${view}`}>
        {view === 'escalations' && <EscalationsView />}
        {view === 'flags' && <FlagsView />}
        {view === 'creator' && <CreatorPage platform={args[0]} creatorId={args[1]} />}
        {view === 'metrics' && <MetricsView />}
        {view === 'agreement' && <AgreementView />}
      </main>
    </>
  );
}

type AuthState =
  | { kind: 'checking' }
  | { kind: 'out'; ended: boolean }
  | { kind: 'in'; session: SessionInfo };

export function App({
  initialT,
  initialLanguage,
}: {
  initialT: Translate;
  initialLanguage: UiLanguage;
}) {
  const [t, setT] = useState<{ fn: Translate }>({ fn: initialT });
  const [language, setLanguage] = useState(initialLanguage);
  const [auth, setAuth] = useState<AuthState>({ kind: 'checking' });

  useEffect(() => {
    whenSignedOut(() => setAuth((a) => ({ kind: 'out', ended: a.kind === 'in' })));
    call(sessionSchema, '/console/api/session').then(
      (session) => setAuth({ kind: 'in', session }),
      () => setAuth({ kind: 'out', ended: false }),
    );
  }, []);

  useEffect(() => {
    document.title = t.fn('consoleTitle');
  }, [t]);

  const changeLanguage = async (next: UiLanguage) => {
    // Kept at once: the choice stands for the next visit even if the page is left (or
    // reloaded) while its catalogue is still loading.
    rememberLanguage(next);
    const fn = await loadLanguage(next);
    setLanguage(next);
    setT({ fn });
  };

  const signOut = async () => {
    try {
      await call(sessionSchema.optional(), '/console/api/session/sign-out', { method: 'POST' });
    } finally {
      setAuth({ kind: 'out', ended: false });
    }
  };

  return (
    <I18nContext.Provider value={t.fn}>
      {auth.kind === 'checking' ? null : auth.kind === 'out' ? (
        <SignIn ended={auth.ended} onSignedIn={(session) => setAuth({ kind: 'in', session })} />
      ) : (
        <Shell
          session={auth.session}
          language={language}
          onLanguage={changeLanguage}
          onSignOut={signOut}
        />
      )}
    </I18nContext.Provider>
  );
}

export async function start(): Promise<void> {
  const { render } = await import('preact');
  const language = preferredLanguage();
  const t = await loadLanguage(language);
  const root = document.getElementById('app');
  if (root) render(<App initialT={t} initialLanguage={language} />, root);
}
