import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { CreditNoteModel, toCreditNote } from '../graphql/credit-note.model';
import { IssueCreditNoteArgs } from './credit-note.inputs';
import { CreditNoteIssuing } from './credit-note-issuing';

/** Finance corrects issued invoices with credit notes; tenants read them on their invoices. */
@Resolver(() => CreditNoteModel)
export class CreditNotesResolver {
  constructor(private readonly issuing: CreditNoteIssuing) {}

  @Mutation(() => CreditNoteModel, {
    description:
      'Credits part or all of an OPEN invoice (lowering what is due; PAID once nothing is) or a PAID one (a refund); idempotent by key',
  })
  @Can('create', 'CreditNote')
  async issueCreditNote(
    @CurrentActor() actor: Actor,
    @Args() { input, idempotencyKey }: IssueCreditNoteArgs,
  ): Promise<CreditNoteModel> {
    const request = {
      invoiceId: input.invoiceId,
      reason: input.reason,
      memo: input.memo ?? null,
      lines: input.lines.map((line) => ({
        invoiceLineId: line.invoiceLineId ?? null,
        description: line.description ?? null,
        amountMinor: BigInt(line.amountMinor),
      })),
    };
    return toCreditNote(await this.issuing.issue(actor, request, idempotencyKey));
  }
}
