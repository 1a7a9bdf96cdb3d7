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
          const complexity = getComplexity({
            schema: schema(),
            operationName: request.operationName,
            query: document,
            variables: request.variables,
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
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
