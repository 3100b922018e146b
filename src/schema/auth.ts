import { DEFAULT_TENANT, ROLES, type Principal, type Role } from '../auth/principal';
import type { ApiTokenRow } from '../db/schema';
import { ForbiddenError, NotFoundError } from '../errors';
import { builder } from './builder';

export const RoleEnum = builder.enumType('Role', {
  values: {
    READER: { value: 'READER', description: "Reads the tenant's datasets, runs and investigations." },
    MEMBER: { value: 'MEMBER', description: 'Also uploads datasets, detects issues, starts, cancels and re-runs investigations.' },
    ADMIN: {
      value: 'ADMIN',
      description: `Also creates and revokes API tokens: of its own tenant, or of every tenant for an ADMIN of the "${DEFAULT_TENANT}" tenant.`,
    },
  } satisfies Record<(typeof ROLES)[number], unknown>,
});

const AuthMethodEnum = builder.enumType('AuthMethod', {
  values: {
    TOKEN: { description: 'An API token of this service.' },
    JWT: { description: "A JWT of the configured identity provider." },
    NONE: { description: 'None: the server runs with AUTH=off.' },
  },
});

const Viewer = builder.objectRef<Principal>('Viewer').implement({
  description: 'Who the request acts as.',
  fields: (t) => ({
    tenant: t.exposeString('tenantId', { description: 'The tenant whose records the request sees.' }),
    role: t.field({ type: RoleEnum, resolve: (p) => p.role }),
    authMethod: t.field({ type: AuthMethodEnum, resolve: (p) => p.method }),
    tokenId: t.exposeID('tokenId', { nullable: true, description: 'The API token used, for TOKEN.' }),
    subject: t.exposeString('subject', { nullable: true, description: "The JWT's sub claim, for JWT." }),
  }),
});

const ApiToken = builder.objectRef<ApiTokenRow>('ApiToken').implement({
  description: 'An API token; its secret is shown only once, when it is created.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    tenant: t.exposeString('tenantId'),
    role: t.field({ type: RoleEnum, resolve: (r) => r.role }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: 'Updated at most once a minute.' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
  }),
});

const CreatedApiToken = builder.simpleObject('CreatedApiToken', {
  fields: (t) => ({
    token: t.field({ type: ApiToken }),
    secret: t.string({ description: 'Send it as "Authorization: Bearer <secret>". It is not stored and cannot be shown again.' }),
  }),
});

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'Who or what uses it, for lists (1 to 200 characters).' }),
    tenant: t.string({ description: "The tenant it acts in; by default the administrator's own." }),
    role: t.field({ type: RoleEnum, defaultValue: 'MEMBER' }),
    expiresAt: t.field({ type: 'DateTime', description: 'When it stops working; never by default.' }),
  }),
});

/** Administrators of the default tenant manage every tenant's tokens; others only their own tenant's. */
function mayManage(principal: Principal, tenantId: string): boolean {
  return principal.tenantId === DEFAULT_TENANT || principal.tenantId === tenantId;
}

builder.queryFields((t) => ({
  viewer: t.field({ type: Viewer, description: 'Who the request acts as.', resolve: (_, __, ctx) => ctx.principal }),
  apiTokens: t.field({
    type: [ApiToken],
    description: "API tokens, newest first: the administrator's tenant's, or another tenant's (administrators of the default tenant only).",
    authScopes: { admin: true },
    args: { tenant: t.arg.string(), includeRevoked: t.arg.boolean({ defaultValue: false }) },
    resolve: (_, { tenant, includeRevoked }, ctx) => {
      const tenantId = tenant ?? ctx.principal.tenantId;
      if (!mayManage(ctx.principal, tenantId)) throw new ForbiddenError(`Only administrators of the "${DEFAULT_TENANT}" tenant list other tenants' tokens`);
      return ctx.services.tokens.list(tenantId, includeRevoked ?? false);
    },
  }),
}));

builder.mutationFields((t) => ({
  createApiToken: t.field({
    type: CreatedApiToken,
    description: 'A new API token; the answer holds its secret, shown this once.',
    authScopes: { admin: true },
    args: { input: t.arg({ type: CreateApiTokenInput, required: true }) },
    resolve: (_, { input }, ctx) => {
      const tenantId = input.tenant ?? ctx.principal.tenantId;
      if (!mayManage(ctx.principal, tenantId)) throw new ForbiddenError(`Only administrators of the "${DEFAULT_TENANT}" tenant create tokens for other tenants`);
      return ctx.services.tokens.create({ tenantId, name: input.name, role: (input.role ?? 'MEMBER') as Role, expiresAt: input.expiresAt });
    },
  }),
  revokeApiToken: t.field({
    type: ApiToken,
    description: 'Revokes a token at once (again is a no-op).',
    authScopes: { admin: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_, { id }, ctx) => {
      const key = String(id);
      const existing = await ctx.services.tokens.get(key);
      if (!existing || !mayManage(ctx.principal, existing.tenantId)) throw new NotFoundError('ApiToken', key);
      return ctx.services.tokens.revoke(key);
    },
  }),
}));
