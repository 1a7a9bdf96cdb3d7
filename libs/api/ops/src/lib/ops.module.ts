import { Module } from '@nestjs/common';
import { Metrics } from './metrics';
import { OpsController } from './ops.controller';

@Module({ controllers: [OpsController], providers: [Metrics], exports: [Metrics] })
export class OpsModule {}
