import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@warbler/api/core';
import { createLogger } from '@warbler/api/ops';
import { AppModule } from '../../../../apps/api/src/app/app.module';
import { configureApp } from '../../../../apps/api/src/app/configure-app';

/**
 * The real application, configured exactly as main.ts does, listening on a free port of
 * the loopback interface. Tests talk to it over HTTP only.
 */
export interface StartedApp {
  url: string;
  app: NestExpressApplication;
  close(): Promise<void>;
}

export async function startApp(): Promise<StartedApp> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: false, bodyParser: false });
  configureApp(app, config, createLogger('silent'));
  await app.init();
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}
