/**
 * Opening GraphiQL at `/graphql#token=<token>` signs it in, as Jupyter's `?token=` link does: a script that
 * runs before GraphiQL puts `Authorization: Bearer <token>` in the headers of every tab it keeps in the
 * browser's storage (the default tabs on a first visit), then removes the token from the address bar.
 * The fragment never reaches the server or its logs, and the page itself holds no secret.
 */
export function withTokenFromFragment(html: string, defaultTabs: ReadonlyArray<{ query: string; variables: string | null }>): string {
  const marker = '<div id="root"></div>';
  if (!html.includes(marker)) throw new Error('GraphiQL page changed: cannot add the #token= sign-in');
  const tabs = JSON.stringify(defaultTabs).replace(/</g, '\\u003c');
  const script = `<script>
(function () {
  var match = /^#token=([^&]+)/.exec(location.hash);
  if (!match) return;
  var headers = JSON.stringify({ Authorization: 'Bearer ' + decodeURIComponent(match[1]) }, null, 2);
  var state = null;
  try { state = JSON.parse(localStorage.getItem('graphiql:tabState')); } catch (e) {}
  if (!state || !Array.isArray(state.tabs)) {
    state = { activeTabIndex: 0, tabs: ${tabs}.map(function (t, i) {
      var name = /^(?!#).*(?:query|subscription|mutation)\\s+([a-zA-Z0-9_]+)/m.exec(t.query);
      return { id: 'tab-' + i, hash: '', title: name ? name[1] : '<untitled>', query: t.query, variables: t.variables, headers: null, operationName: name ? name[1] : null, response: null };
    }) };
  }
  state.tabs.forEach(function (t) { t.headers = headers; });
  // GraphiQL opens the tab whose contents match its stored query and variables (else a new, empty one).
  var active = state.tabs[state.activeTabIndex] || state.tabs[0];
  if (active) {
    localStorage.setItem('graphiql:query', active.query || '');
    if (active.variables) localStorage.setItem('graphiql:variables', active.variables);
    else localStorage.removeItem('graphiql:variables');
  }
  localStorage.setItem('graphiql:tabState', JSON.stringify(state));
  localStorage.setItem('graphiql:headers', headers);
  localStorage.setItem('graphiql:shouldPersistHeaders', 'true');
  history.replaceState(null, '', location.pathname + location.search);
})();
</script>`;
  return html.replace(marker, `${script}\n${marker}`);
}
