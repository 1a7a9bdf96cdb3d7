import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/**
 * Refuses operations whose estimated cost is above the limit, before any resolver runs.
 * Variables are known here (unlike in a validation rule), so `first: 10000` counts.
 */
export function complexityLimitPlugin(schema: () => GraphQLSchema, maxComplexity: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          let complexity: number;
          try {
            complexity = getComplexity({
              schema: schema(),
              operationName: request.operationName,
              query: document,
              variables: request.variables,
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Variables that do not fit their types: nothing will run, and execution reports them
            // to the client as BAD_USER_INPUT, naming the variable.
            return;
          }
          if (complexity > maxComplexity) {
            throw new GraphQLError(
              `This query is too complex (${complexity} > ${maxComplexity}); ask for fewer fields or items`,
              {
                extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX' },
              },
            );
          }
        },
      };
    },
  };
}
