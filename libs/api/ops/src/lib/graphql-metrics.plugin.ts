import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from './metrics';

/** Times each GraphQL operation and counts its errors by code. */
export function graphqlMetricsPlugin(metrics: Metrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stop = metrics.graphqlDuration.startTimer();
      return {
        async willSendResponse({ operationName, operation, errors }) {
          const name = operationName ?? 'anonymous';
          stop({ operation: name, type: operation?.operation ?? 'unknown' });
          for (const error of errors ?? []) {
            metrics.graphqlErrors.inc({ operation: name, code: String(error.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR') });
          }
        },
      };
    },
  };
}
