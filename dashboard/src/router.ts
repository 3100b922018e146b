import { useEffect, useState } from 'preact/hooks';

/** Where the page is: `#/`, `#/datasets/<id>`, `#/runs/<id>` (the address bar, so that links and Back work). */
export type Route = { page: 'home' } | { page: 'dataset'; id: string } | { page: 'run'; id: string };

export function parseRoute(hash: string): Route {
  const [, page, id] = /^#\/(datasets|runs)\/([^/]+)$/.exec(hash) ?? [];
  if (page === 'datasets' && id) return { page: 'dataset', id: decodeURIComponent(id) };
  if (page === 'runs' && id) return { page: 'run', id: decodeURIComponent(id) };
  return { page: 'home' };
}

export const datasetHref = (id: string) => `#/datasets/${encodeURIComponent(id)}`;
export const runHref = (id: string) => `#/runs/${encodeURIComponent(id)}`;

export function navigate(href: string): void {
  location.hash = href.slice(1);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
