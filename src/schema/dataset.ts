import { createHash } from 'node:crypto';
import type { DatasetRow } from '../db/schema';
import { fingerprintOf } from '../idempotency/idempotency';
import type { Context } from './builder';
import { IDEMPOTENCY_KEY } from './descriptions';
import { ArrivingFile } from '../uploads';
import { resolvePage } from './paging';
import { builder } from './builder';
import { DatasetConnection, DatasetRef, RunConnection, RunRef } from './refs';

const Column = builder.simpleObject('Column', {
  fields: (t) => ({
    name: t.string(),
    dtype: t.string({ description: 'The dtype pandas.read_csv gives the column: int64, float64, bool or object.' }),
    nullCount: t.int({ description: 'Missing values under pandas NA rules.' }),
  }),
});

builder.node(DatasetRef, {
  description: 'A CSV file and its profile.',
  id: { resolve: (d) => d.id },
  isTypeOf: (v) => typeof (v as { id?: unknown }).id === 'string' && (v as { id: string }).id.startsWith('ds_'),
  fields: (t) => ({
    name: t.exposeString('name'),
    rowCount: t.exposeInt('rowCount'),
    columns: t.field({ type: [Column], resolve: (d) => d.columns }),
    sizeBytes: t.exposeInt('sizeBytes'),
    sha256: t.exposeString('sha256'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    runs: t.connection(
      {
        type: RunRef,
        description: 'Runs on this dataset, newest first.',
        resolve: (d, args, ctx) =>
          resolvePage(
            args,
            'InvestigationRun',
            (page) => ctx.services.store.runs.page({ tenantId: ctx.principal.tenantId, datasetId: d.id }, page),
            () => ctx.services.store.runs.count({ tenantId: ctx.principal.tenantId, datasetId: d.id }),
          ),
      },
      RunConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  dataset: t.field({
    type: DatasetRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => ctx.loaders.dataset.load(String(id)),
  }),
  datasets: t.connection(
    {
      type: DatasetRef,
      description: 'Datasets, newest first.',
      args: { sha256: t.arg.string({ description: "Only those with this content (the file's SHA-256, lower-case hex): find an upload before sending it again." }) },
      resolve: (_, args, ctx) => {
        const filter = { tenantId: ctx.principal.tenantId, sha256: args.sha256?.toLowerCase() ?? undefined };
        return resolvePage(args, 'Dataset', (page) => ctx.services.store.datasets.page(filter, page), () => ctx.services.store.datasets.count(filter));
      },
    },
    DatasetConnection,
  ),
}));

builder.mutationFields((t) => ({
  uploadDataset: t.field({
    type: DatasetRef,
    description: 'GraphQL multipart request upload of a CSV file.',
    args: { file: t.arg({ type: 'File', required: true }), name: t.arg.string(), idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY }) },
    authScopes: { member: true },
    resolve: async (_, { file, name, idempotencyKey }, ctx) => {
      const datasetName = name?.trim() || file.name || 'upload.csv';
      const bytes = () => file.stream() as unknown as AsyncIterable<Uint8Array>;
      const upload = file instanceof ArrivingFile ? { path: file.path, sizeHint: file.sizeHint } : undefined;
      const create = () => ctx.services.datasets.create(ctx.principal.tenantId, datasetName, bytes(), upload);
      if (idempotencyKey == null) return create();
      const fingerprint = fingerprintOf({ name: datasetName, sha256: await sha256Of(bytes()) });
      return onceFor(ctx, 'uploadDataset', idempotencyKey, fingerprint, create);
    },
  }),
  createDataset: t.field({
    type: DatasetRef,
    description: 'A dataset from CSV text in the request, for small data and simple clients.',
    args: { name: t.arg.string({ required: true }), csv: t.arg.string({ required: true }), idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY }) },
    authScopes: { member: true },
    resolve: (_, { name, csv, idempotencyKey }, ctx) => {
      const create = () => ctx.services.datasets.create(ctx.principal.tenantId, name, chunks(new TextEncoder().encode(csv)));
      return idempotencyKey == null ? create() : onceFor(ctx, 'createDataset', idempotencyKey, fingerprintOf({ name, csv }), create);
    },
  }),
}));

function onceFor(ctx: Context, operation: string, key: string, fingerprint: string, create: () => Promise<DatasetRow>) {
  const tenantId = ctx.principal.tenantId;
  return ctx.services.idempotency.once({ tenantId, operation, key }, fingerprint, create, (id) => ctx.services.datasets.find(id, tenantId));
}

async function sha256Of(source: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of source) hash.update(chunk);
  return hash.digest('hex');
}

async function* chunks(bytes: Uint8Array, size = 1 << 20): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
