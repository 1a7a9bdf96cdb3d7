import type { ApolloDriverConfig } from '@nestjs/apollo';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, ValidationPipe } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import cookieParser from 'cookie-parser';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import { AccessModule } from '@warbler/api/access';
import { APP_CONFIG, type AppConfig, CoreModule, Database, DomainError } from '@warbler/api/core';
import { testConfig } from './fixtures';
import { IdentityModule } from '../lib/identity.module';
import { ApolloExpressTestDriver } from './apollo-express-driver';

/**
 * The app's error mapping, restated for tests: libraries may not import the app, and
 * these tests need REST bodies and GraphQL codes shaped as clients receive them.
 */
@Catch()
class DomainErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<'http' | 'graphql'>() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      response.status(exception.httpStatus).json({
        code: exception.code,
        message: exception.message,
        ...(exception.reason && { reason: exception.reason }),
        ...exception.details,
      });
    } else if (exception instanceof HttpException) {
      response.status(exception.getStatus()).json({ code: 'HTTP_ERROR', message: exception.message });
    } else {
      response.status(500).json({ code: 'INTERNAL_SERVER_ERROR', message: String(exception) });
    }
  }
}

export interface IdentityTestApp {
  url: string;
  config: AppConfig;
  db: Database;
  close(): Promise<void>;
}

/** CoreModule, AccessModule, IdentityModule and GraphQL on a real port, as the API wires them. */
export async function startIdentityApp(overrides: Partial<AppConfig> = {}): Promise<IdentityTestApp> {
  const config = { ...testConfig(), ...overrides };
  const moduleRef = await Test.createTestingModule({
    imports: [
      CoreModule,
      AccessModule,
      GraphQLModule.forRoot<ApolloDriverConfig>({
        driver: ApolloExpressTestDriver,
        autoSchemaFile: true,
        context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
        formatError: (formatted, error) => {
          const original = error instanceof GraphQLError ? error.originalError : error;
          return original instanceof DomainError
            ? { ...formatted, extensions: { code: original.code, reason: original.reason } }
            : formatted;
        },
      }),
      IdentityModule,
    ],
    providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
  })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();

  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  // Tests choose their client address with X-Forwarded-For, so per-IP limits stay apart.
  app.set('trust proxy', true);
  app.use(cookieParser());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new DomainError(
          'BAD_USER_INPUT',
          errors.flatMap((error) => Object.values(error.constraints ?? {})).join('; '),
          'VALIDATION_FAILED',
        ),
    }),
  );
  await app.listen(0, '127.0.0.1');
  return { url: await app.getUrl(), config, db: app.get(Database), close: () => app.close() };
}
