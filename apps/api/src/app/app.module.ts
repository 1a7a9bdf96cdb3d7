import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { ServeStaticModule } from '@nestjs/serve-static';
import depthLimit from 'graphql-depth-limit';
import { existsSync } from 'node:fs';
import { AccessModule } from '@warbler/api/access';
import { ApiKeysModule } from '@warbler/api/api-keys';
import { AuditModule } from '@warbler/api/audit';
import { BillingModule } from '@warbler/api/billing';
import { CatalogModule } from '@warbler/api/catalog';
import {
  APP_CONFIG,
  type AppConfig,
  CoreModule,
  formatGraphqlError,
  HttpExceptionFilter,
  Metrics,
} from '@warbler/api/core';
import { ExportsModule } from '@warbler/api/exports';
import { IdentityModule } from '@warbler/api/identity';
import { MeteringModule } from '@warbler/api/metering';
import { NotificationsModule } from '@warbler/api/notifications';
import { OperatorModule } from '@warbler/api/operator';
import { graphqlMetricsPlugin, OpsModule } from '@warbler/api/ops';
import { SupportModule } from '@warbler/api/support';
import { TenancyModule } from '@warbler/api/tenancy';
import { WebhooksModule } from '@warbler/api/webhooks';
import { complexityLimitPlugin } from './graphql-limits.plugin';

const logger = new Logger('GraphQL');

/** Routes the API owns; everything else falls through to the console's index.html. */
export const API_ROUTES = [
  '/graphql',
  '/auth/{*path}',
  '/v1/{*path}',
  '/webhooks/{*path}',
  '/healthz',
  '/readyz',
  '/metrics',
];

@Module({
  imports: [
    CoreModule,
    AccessModule,
    OpsModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG, Metrics, GraphQLSchemaHost],
      useFactory: (config: AppConfig, metrics: Metrics, schemaHost: GraphQLSchemaHost) => ({
        autoSchemaFile: true,
        sortSchema: true,
        path: '/graphql',
        playground: false,
        introspection: config.nodeEnv !== 'production',
        includeStacktraceInErrorResponses: false,
        context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
        validationRules: [depthLimit(config.graphqlMaxDepth)],
        plugins: [
          graphqlMetricsPlugin(metrics),
          complexityLimitPlugin(() => schemaHost.schema, config.graphqlMaxComplexity),
        ],
        formatError: (formatted, error) =>
          formatGraphqlError(formatted, error, (internal) =>
            logger.error(internal instanceof Error ? (internal.stack ?? internal.message) : String(internal)),
          ),
      }),
    }),
    IdentityModule,
    AuditModule,
    TenancyModule,
    CatalogModule,
    BillingModule,
    ApiKeysModule,
    MeteringModule,
    NotificationsModule,
    SupportModule,
    ExportsModule,
    OperatorModule,
    WebhooksModule,
    ServeStaticModule.forRootAsync({
      inject: [APP_CONFIG],
      // The API runs without a built console too (tests, API-only deployments).
      useFactory: (config: AppConfig) =>
        existsSync(config.consoleDist) ? [{ rootPath: config.consoleDist, exclude: API_ROUTES }] : [],
    }),
  ],
  providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
})
export class AppModule {}
