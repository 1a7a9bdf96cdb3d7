import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { ModuleMetadata } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import cookieParser from 'cookie-parser';
import type { AddressInfo } from 'node:net';
import {
  APP_CONFIG,
  type AppConfig,
  bodyParserErrors,
  CoreModule,
  Database,
  formatGraphqlError,
  HttpExceptionFilter,
  requestIds,
  useBodyParsers,
  validationPipe,
} from '@warbler/api/core';
import { testConfig } from '@warbler/api/core/testing';
import { AccessModule } from '../lib/access.module';

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  config: AppConfig;
  db: Database;
  close(): Promise<void>;
}

export interface TestAppOptions {
  config?: Partial<AppConfig>;
}

/**
 * Some domain modules on a free loopback port with the app's real guard, validation and
 * error mapping, so a domain's tests assert exactly what clients see over HTTP.
 */
export async function startTestApp(
  imports: NonNullable<ModuleMetadata['imports']>,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const config = { ...testConfig(), ...options.config };
  const moduleRef = await Test.createTestingModule({
    imports: [
      CoreModule,
      AccessModule,
      GraphQLModule.forRoot<ApolloDriverConfig>({
        driver: ApolloDriver,
        autoSchemaFile: true,
        sortSchema: true,
        context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
        formatError: (formatted, error) => formatGraphqlError(formatted, error, () => undefined),
      }),
      ...imports,
    ],
    providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false, bodyParser: false });
  app.set('trust proxy', config.trustProxy);
  app.use(requestIds());
  app.use(cookieParser());
  useBodyParsers(app);
  app.use(bodyParserErrors());
  app.useGlobalPipes(validationPipe());
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, config, db: app.get(Database), close: () => app.close() };
}
