import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import { type Actor, badInput } from '@warbler/api/core';
import type { ExportRequest } from '../shared/export-catalog';
import { CreateExportJobInput, ExportJobArgs, ExportJobGql, ExportJobsArgs, toExportJob } from './export-job.graphql';
import { ExportJobs } from './export-jobs';

@Resolver(() => ExportJobGql)
export class ExportJobsResolver {
  constructor(private readonly jobs: ExportJobs) {}

  @Mutation(() => ExportJobGql, {
    description: 'Starts an export in the background; poll exportJob for progress, then download its file',
  })
  @Can('create', 'Export')
  async createExportJob(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateExportJobInput,
  ): Promise<ExportJobGql> {
    return toExportJob(
      await this.jobs.create(actor, {
        export: requestOf(input),
        format: input.format,
        idempotencyKey: input.idempotencyKey,
      }),
    );
  }

  @Query(() => [ExportJobGql], { description: 'Export jobs not yet expired, newest first' })
  @Can('read', 'Export')
  async exportJobs(@Args() { first }: ExportJobsArgs): Promise<ExportJobGql[]> {
    return (await this.jobs.list(first)).map(toExportJob);
  }

  @Query(() => ExportJobGql)
  @Can('read', 'Export')
  async exportJob(@Args() { id }: ExportJobArgs): Promise<ExportJobGql> {
    return toExportJob(await this.jobs.get(id));
  }
}

function requestOf(input: CreateExportJobInput): ExportRequest {
  if (input.kind === 'USAGE') {
    if (!input.usage || input.invoices)
      throw badInput('A USAGE export takes the usage filter only', 'BAD_EXPORT_FILTER');
    return { kind: 'USAGE', request: input.usage };
  }
  if (!input.invoices || input.usage) {
    throw badInput('An INVOICES export takes the invoices filter only', 'BAD_EXPORT_FILTER');
  }
  return { kind: 'INVOICES', request: input.invoices };
}
