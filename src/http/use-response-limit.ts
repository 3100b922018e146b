import { createGraphQLError, isAsyncIterable, type Plugin } from 'graphql-yoga';

/**
 * An answer larger than GRAPHQL_MAX_RESPONSE_MB is replaced by an error saying so, before it is sent:
 * the GraphQL limits bound what an operation asks for, not what the data makes of it (a page of
 * investigations with their outputs, a dataset of many thousands of columns).
 */
export function useResponseLimit(maxBytes: number): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result)) return;
          const bytes = Buffer.byteLength(JSON.stringify(result));
          if (bytes <= maxBytes) return;
          const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
          setResult({
            errors: [
              createGraphQLError(
                `The response would be ${mb(bytes)}, more than GRAPHQL_MAX_RESPONSE_MB allows (${mb(maxBytes)}): ask for fewer fields or a smaller page (first:)`,
                { extensions: { code: 'RESPONSE_TOO_LARGE', bytes, maxBytes } },
              ),
            ],
          });
        },
      };
    },
  };
}
