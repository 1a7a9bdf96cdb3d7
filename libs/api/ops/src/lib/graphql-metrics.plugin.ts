import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Metrics } from '@warbler/api/core';

/**
 * The operation's label: its root field when it has one (`members`, `changePlan`), "multiple" when
 * it asks for several, "invalid" when it never got past validation. Never the client's operation
 * name, which is any string a client picks and would make a new series each time.
 */
export function operationLabel(operation: OperationDefinitionNode | undefined): string {
  if (!operation) return 'invalid';
  const rootFields = new Set(
    operation.selectionSet.selections.map((selection) =>
      selection.kind === Kind.FIELD ? selection.name.value : 'multiple',
    ),
  );
  return rootFields.size === 1 ? [...rootFields][0] : 'multiple';
}

/** Times each GraphQL operation and counts its errors by code. */
export function graphqlMetricsPlugin(metrics: Metrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stop = metrics.graphqlDuration.startTimer();
      return {
        async willSendResponse({ operation, response }) {
          const label = operationLabel(operation);
          stop({ operation: label, type: operation?.operation ?? 'unknown' });
          // The formatted errors, so the code counted is the one the client saw.
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const error of errors) {
            metrics.graphqlErrors.inc({
              operation: label,
              code: String(error.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR'),
            });
          }
        },
      };
    },
  };
}
