import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';

export interface GraphQLLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
}

/**
 * Operations too large to serve are refused before they run (graphql-armor): nesting depth (deep enough
 * for Relay queries), aliases (300 aliases of one field once returned 129 MB), tokens and an estimated
 * cost. They run in validation, so graphql-ws and SSE operations are held to them too. Field suggestions
 * stay on: the schema is public (introspection).
 */
export function useGraphQLLimits(limits: GraphQLLimits): Plugin {
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { n: limits.maxTokens },
    costLimit: { maxCost: limits.maxCost },
    maxDirectives: { n: 50 },
    blockFieldSuggestion: { enabled: false },
  }) as Plugin;
}
