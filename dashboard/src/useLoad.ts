import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApiError } from './api';

/** Loads data when the page opens (and on reload()); what failed is shown, never thrown. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: ApiError | null; reload(): void } {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null }>({ data: null, error: null });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ data, error: null }),
      (error: ApiError) => current && setState((previous) => ({ data: previous.data, error })),
    );
    return () => {
      current = false;
    };
  }, [...deps, version]);
  return { ...state, reload: useCallback(() => setVersion((v) => v + 1), []) };
}
