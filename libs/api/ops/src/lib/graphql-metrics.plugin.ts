import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from './metrics';

/** Times each GraphQL operation and counts its errors by code. */
export function graphqlMetricsPlugin(metrics: Metrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stop = metrics.graphqlDuration.startTimer();
      return {
        async willSendResponse({ operationName, operation, response }) {
          const name = operationName ?? 'anonymous';
          stop({ operation: name, type: operation?.operation ?? 'unknown' });
          // The formatted errors, so the code counted is the one the client saw.
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const error of errors) {
            metrics.graphqlErrors.inc({
              operation: name,
              code: String(error.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR'),
            });
          }
        },
      };
    },
  };
}
