import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../context';
import { formatBytes } from '../format';
import type { Investigation } from '../runState';

type Artifact = Investigation['artifacts'][number];

/** Object URLs by artifact id: an artifact never changes, so each is fetched once per page. */
const loaded = new Map<string, Promise<string>>();

export function Chart({ artifact }: { artifact: Artifact }) {
  const { api } = useSession();
  const [src, setSrc] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let promise = loaded.get(artifact.id);
    if (!promise) {
      loaded.set(artifact.id, (promise = api.artifactUrl(artifact.url)));
      promise.catch(() => loaded.delete(artifact.id));
    }
    promise.then(setSrc, (err: Error) => setError(err.message));
  }, [api, artifact.id, artifact.url]);
  return (
    <figure class="chart" data-testid="chart">
      {src ? <img src={src} alt={artifact.name} width={artifact.width ?? undefined} height={artifact.height ?? undefined} /> : <div class="placeholder">{error ?? 'Loading…'}</div>}
      <figcaption>
        {artifact.name} · {formatBytes(artifact.bytes)}
      </figcaption>
    </figure>
  );
}
