import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import GraphQLJSON from 'graphql-type-json';
import { ExportFormat, ExportJobStatus, ExportKind, type ExportJobModel } from '@warbler/api/core';
import { MAX_FILTER_IDS, USAGE_GRANULARITIES, type UsageGranularity } from '../usage/usage-export-filter';

registerEnumType(ExportKind, { name: 'ExportKind' });
registerEnumType(ExportFormat, { name: 'ExportFormat', description: 'CSV with a header row, or JSON lines' });
registerEnumType(ExportJobStatus, {
  name: 'ExportJobStatus',
  description: 'QUEUED → RUNNING → SUCCEEDED (file ready) or FAILED (error says why)',
});

export enum UsageExportGranularity {
  HOUR = 'HOUR',
  DAY = 'DAY',
  PERIOD = 'PERIOD',
}
registerEnumType(UsageExportGranularity, {
  name: 'UsageExportGranularity',
  description: 'UTC hours, UTC days, or one row per billing period (see docs/exports.md)',
});

@ObjectType('ExportJob')
export class ExportJobGql {
  @Field(() => ID) id!: string;
  @Field(() => ExportKind) kind!: ExportKind;
  @Field(() => ExportFormat) format!: ExportFormat;
  @Field(() => GraphQLJSON, { description: 'The validated filter the export ran with' }) filter!: unknown;
  @Field(() => ExportJobStatus) status!: ExportJobStatus;
  @Field({ description: 'Who asked for it' }) requestedByUserId!: string;
  @Field(() => String, { nullable: true, description: 'Rows the export will write, counted when it started' })
  totalRows!: string | null;
  @Field() rowsWritten!: string;
  @Field({ description: 'Bytes of the file so far' }) bytesWritten!: string;
  @Field(() => Float, { description: '0 to 100; 100 only once the file is complete' }) progressPercent!: number;
  @Field(() => String, { nullable: true, description: 'Why it failed' }) error!: string | null;
  @Field({ description: 'GET this with the bearer token once status is SUCCEEDED' }) downloadPath!: string;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field({ description: 'When the job and its file are deleted' }) expiresAt!: Date;
}

export function toExportJob(job: ExportJobModel): ExportJobGql {
  const total = job.totalRows === null ? null : Number(job.totalRows);
  const written = Number(job.rowsWritten);
  let progressPercent = 0;
  if (job.status === 'SUCCEEDED') progressPercent = 100;
  else if (total !== null && total > 0) progressPercent = Math.min(99, Math.floor((written / total) * 1000) / 10);
  return {
    id: job.id,
    kind: job.kind,
    format: job.format,
    filter: job.filter,
    status: job.status,
    requestedByUserId: job.requestedByUserId,
    totalRows: job.totalRows?.toString() ?? null,
    rowsWritten: job.rowsWritten.toString(),
    bytesWritten: job.bytesWritten.toString(),
    progressPercent,
    error: job.error,
    downloadPath: `/v1/exports/jobs/${job.id}/file`,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    expiresAt: job.expiresAt,
  };
}

@InputType()
export class UsageExportFilterInput {
  @Field(() => Date, { nullable: true, description: 'First UTC hour included (with to)' })
  @IsOptional()
  @IsDate()
  @Type(() => Date)
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'First UTC hour no longer included' })
  @IsOptional()
  @IsDate()
  @Type(() => Date)
  to?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Instead of from/to: the billing periods that started at this instant',
  })
  @IsOptional()
  @IsDate()
  @Type(() => Date)
  billingPeriodStart?: Date | null;

  @Field(() => [ID], { nullable: true, description: 'Leave out for every tenant' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FILTER_IDS)
  @IsUUID('all', { each: true })
  tenantIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Metric codes; leave out for every metric' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FILTER_IDS)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  metrics?: string[] | null;

  @Field(() => UsageExportGranularity)
  @IsIn(USAGE_GRANULARITIES)
  granularity!: UsageGranularity;
}

@InputType()
export class InvoiceExportFilterInput {
  @Field({ description: 'Invoices whose billing period starts at or after this instant' })
  @IsDate()
  @Type(() => Date)
  from!: Date;

  @Field({ description: '... and before this one' })
  @IsDate()
  @Type(() => Date)
  to!: Date;

  @Field(() => [ID], { nullable: true, description: 'Leave out for every tenant' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FILTER_IDS)
  @IsUUID('all', { each: true })
  tenantIds?: string[] | null;

  @Field({ nullable: true, defaultValue: false, description: 'Drafts are left out unless asked for' })
  @IsOptional()
  @IsBoolean()
  includeDrafts?: boolean;
}

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType()
export class CreateExportJobInput {
  @Field(() => ExportKind)
  @IsEnum(ExportKind)
  kind!: ExportKind;

  @Field(() => ExportFormat)
  @IsEnum(ExportFormat)
  format!: ExportFormat;

  @Field(() => UsageExportFilterInput, { nullable: true, description: 'Required for USAGE' })
  @IsOptional()
  @ValidateNested()
  @Type(() => UsageExportFilterInput)
  usage?: UsageExportFilterInput | null;

  @Field(() => InvoiceExportFilterInput, { nullable: true, description: 'Required for INVOICES' })
  @IsOptional()
  @ValidateNested()
  @Type(() => InvoiceExportFilterInput)
  invoices?: InvoiceExportFilterInput | null;

  @Field({ description: 'The same key again answers the same job (safe retries); 1 to 255 characters' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  idempotencyKey!: string;
}

@ArgsType()
export class ExportJobsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20 })
  @IsInt()
  @Min(1)
  @Max(100)
  first = 20;
}

@ArgsType()
export class ExportJobArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;
}
