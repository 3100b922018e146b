import { useEffect, useMemo, useState } from 'preact/hooks';
import { Api, ApiError, rememberToken, signedInToken } from './api';
import { SessionContext } from './context';
import type { DashboardViewerQuery } from './gql/graphql';
import { ViewerQuery } from './operations';
import { useRoute } from './router';
import { DatasetView } from './views/DatasetView';
import { Home } from './views/Home';
import { RunView } from './views/RunView';
import { SignIn } from './views/SignIn';

export function App() {
  const [token, setToken] = useState(signedInToken);
  const api = useMemo(() => new Api(token), [token]);
  const [viewer, setViewer] = useState<DashboardViewerQuery | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    setViewer(null);
    setError(null);
    api.request(ViewerQuery).then(setViewer, setError);
    return () => api.close();
  }, [api]);

  const signIn = (next: string | null) => {
    rememberToken(next);
    setToken(next);
  };

  if (error) return <SignIn error={error} onSignIn={signIn} />;
  if (!viewer) return <p class="loading">Connecting…</p>;
  const session = { api, issueTypes: viewer.issueTypes.map((t) => t.type) };
  return (
    <SessionContext.Provider value={session}>
      <header class="top">
        <a href="#/" class="brand">
          Iterate Investigator
        </a>
        <span class="viewer" data-testid="viewer">
          {viewer.viewer.tenant} · {viewer.viewer.role.toLowerCase()}
        </span>
        {token && (
          <button type="button" class="link" onClick={() => signIn(null)}>
            Sign out
          </button>
        )}
      </header>
      <main>
        <Page />
      </main>
    </SessionContext.Provider>
  );
}

function Page() {
  const route = useRoute();
  if (route.page === 'dataset') return <DatasetView key={route.id} id={route.id} />;
  if (route.page === 'run') return <RunView key={route.id} id={route.id} />;
  return <Home />;
}
