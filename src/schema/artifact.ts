import type { ArtifactInfo } from '../db/schema';
import { ARTIFACT_PATH } from '../http/use-artifacts';
import { builder } from './builder';
import { InvestigationRef } from './refs';

const Artifact = builder.objectRef<ArtifactInfo>('Artifact').implement({
  description:
    "A file an investigation's script saved in its output directory and the service keeps with the result: a chart (PNG). Its bytes are served at `url`, with the same Authorization header as the API.",
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name', { description: 'Its file name in the output directory, e.g. missing_by_column.png.' }),
    mimeType: t.exposeString('mimeType'),
    bytes: t.exposeInt('sizeBytes', { description: 'Its size in bytes.' }),
    sha256: t.exposeString('sha256', { description: 'The SHA-256 of its bytes, in hex.' }),
    width: t.exposeInt('width', { nullable: true, description: 'In pixels.' }),
    height: t.exposeInt('height', { nullable: true, description: 'In pixels.' }),
    url: t.string({ description: 'Where GET answers its bytes: a path on this server.', resolve: (a) => `${ARTIFACT_PATH}/${a.id}` }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    investigation: t.field({
      type: InvestigationRef,
      description: 'The investigation whose script saved it.',
      // An artifact is reached through its investigation, in the same tenant, so this loads.
      resolve: async (a, _, ctx) => (await ctx.loaders.investigation.load(a.investigationId))!,
    }),
  }),
});

builder.objectField(InvestigationRef, 'artifacts', (t) =>
  t.field({
    type: [Artifact],
    description:
      "The charts its script saved (the templates draw theirs; LLM and user code may save PNG files in output/), by name; empty unless it succeeded with code that saved some.",
    resolve: (i, _, ctx) => ctx.loaders.artifactsByInvestigation.load(i.id),
  }),
);
