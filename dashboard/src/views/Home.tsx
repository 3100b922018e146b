import { useState } from 'preact/hooks';
import type { Api } from '../api';
import { useSession } from '../context';
import { formatBytes, formatTime } from '../format';
import { DatasetsQuery, RunsQuery, UploadDataset } from '../operations';
import { datasetHref, navigate } from '../router';
import { useLoad } from '../useLoad';
import { ErrorMessage, RunTable } from './common';

/** Datasets (upload one, open one) and the latest runs. */
export function Home() {
  const { api } = useSession();
  const datasets = useLoad(() => api.request(DatasetsQuery, {}), []);
  const runs = useLoad(() => api.request(RunsQuery), []);
  return (
    <>
      <Upload />
      <section class="card">
        <h2>Datasets</h2>
        <ErrorMessage error={datasets.error} />
        {datasets.data && !datasets.data.datasets.edges.length && <p class="hint">No datasets yet: upload a CSV file.</p>}
        <ul class="datasets" data-testid="datasets">
          {datasets.data?.datasets.edges.map(({ node }) => (
            <li key={node.id}>
              <a href={datasetHref(node.id)}>{node.name}</a>
              <span class="hint">
                {node.rowCount.toLocaleString()} rows · {node.columns.length} columns · {formatBytes(node.sizeBytes)} · {formatTime(node.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section class="card">
        <h2>Latest runs</h2>
        <ErrorMessage error={runs.error} />
        {runs.data && <RunTable runs={runs.data.runs.edges.map((e) => e.node)} showDataset />}
      </section>
    </>
  );
}

function Upload() {
  const { api } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    setError(null);
    try {
      setBusy('Checking whether the server has this file…');
      const known = await findByContent(api, file);
      if (known) return navigate(datasetHref(known));
      setBusy(`Uploading ${formatBytes(file.size)}…`);
      const { uploadDataset } = await api.upload(UploadDataset, { file, name: file.name });
      navigate(datasetHref(uploadDataset.id));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <form class="card upload" onSubmit={submit}>
      <h2>Upload a CSV file</h2>
      <input type="file" name="csv" accept=".csv,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      <button type="submit" disabled={!file || busy !== null}>
        Upload
      </button>
      {busy && <span class="hint">{busy}</span>}
      <ErrorMessage error={error} />
    </form>
  );
}

/** Hashing reads the file into memory, so only files up to this size are looked up before uploading. */
const HASH_LIMIT_BYTES = 256 * 1024 * 1024;

/** The id of a dataset the server already holds with this file's content (SHA-256), if any. */
async function findByContent(api: Api, file: File): Promise<string | null> {
  // crypto.subtle exists only on secure origins (https, localhost): elsewhere the file is simply sent.
  if (!globalThis.crypto?.subtle || file.size > HASH_LIMIT_BYTES) return null;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  const sha256 = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  const { datasets } = await api.request(DatasetsQuery, { sha256 });
  return datasets.edges[0]?.node.id ?? null;
}
