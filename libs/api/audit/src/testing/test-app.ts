import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type INestApplication, type ModuleMetadata, ValidationPipe } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import cookieParser from 'cookie-parser';
import type { AddressInfo } from 'node:net';
import { AccessModule } from '@warbler/api/access';
import { CoreModule, DomainError } from '@warbler/api/core';
import { createLogger, requestLogging } from '@warbler/api/ops';
import { DomainErrorFilter, formatDomainError } from './error-mapping';

export interface TestApp {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/**
 * A Nest app of the given domain modules on a free loopback port, with the real guard and
 * the app's mapping of errors to codes, so tests assert what clients see.
 */
export async function startTestApp(imports: NonNullable<ModuleMetadata['imports']>): Promise<TestApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      CoreModule,
      AccessModule,
      GraphQLModule.forRoot<ApolloDriverConfig>({
        driver: ApolloDriver,
        autoSchemaFile: true,
        sortSchema: true,
        context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
        formatError: formatDomainError,
      }),
      ...imports,
    ],
    providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['fatal'] });
  app.use(requestLogging(createLogger('silent')));
  app.use(cookieParser());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new DomainError(
          'BAD_USER_INPUT',
          errors.flatMap((error) => Object.values(error.constraints ?? {})).join('; ') || 'Invalid input',
          'VALIDATION_FAILED',
        ),
    }),
  );
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
