import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@warbler/api/core';
import { createLogger, PinoNestLogger } from '@warbler/api/ops';
import { AppModule } from './app/app.module';
import { configureApp } from './app/configure-app';

async function bootstrap() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  configureApp(app, config, logger);
  await app.init();
  await app.listen(config.port);
  logger.info({ port: config.port, url: config.publicUrl }, `Warbler is listening on ${config.publicUrl}`);
}

bootstrap().catch((error) => {
  console.error(error);
  process.exit(1);
});
