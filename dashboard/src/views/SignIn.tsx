import { useState } from 'preact/hooks';
import type { ApiError } from '../api';

/** Shown when the server refuses the page's credential (or it has none): paste an API token. */
export function SignIn({ error, onSignIn }: { error: ApiError; onSignIn(token: string): void }) {
  const [token, setToken] = useState('');
  return (
    <form
      class="sign-in card"
      onSubmit={(event) => {
        event.preventDefault();
        if (token.trim()) onSignIn(token.trim());
      }}
    >
      <h1>Iterate Investigator</h1>
      <p class="error" role="alert">
        {error.message}
      </p>
      <label>
        API token
        <input type="password" name="token" autocomplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} placeholder="iit_…" />
      </label>
      <button type="submit" disabled={!token.trim()}>
        Sign in
      </button>
      <p class="hint">
        <code>npm run tokens -- dashboard</code> prints a link that signs in; <code>npm run tokens -- create</code> makes a token.
      </p>
    </form>
  );
}
