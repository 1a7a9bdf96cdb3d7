import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { InvoiceConnection, toInvoiceConnection } from '../graphql/invoice-connection.model';
import { FinanceInvoicesArgs, InvoiceIdArgs, RecordInvoicePaymentArgs, VoidInvoiceArgs } from '../graphql/invoice.args';
import { InvoiceModel, toInvoice } from '../graphql/invoice.model';
import { FinanceInvoices } from './finance-invoices.service';
import { InvoiceFinalization } from './invoice-finalization';
import { InvoicePayments } from './invoice-payments';
import { InvoiceVoiding } from './invoice-voiding';

/** The finance desk: every tenant's invoices, and their status transitions, for staff only. */
@Resolver(() => InvoiceModel)
export class FinanceInvoicesResolver {
  constructor(
    private readonly invoices: FinanceInvoices,
    private readonly finalization: InvoiceFinalization,
    private readonly voiding: InvoiceVoiding,
    private readonly payments: InvoicePayments,
  ) {}

  @Query(() => InvoiceConnection, { description: "Every tenant's invoices, drafts included, newest period first" })
  @Can('readAcrossTenants', 'Invoice')
  async financeInvoices(@Args() { status, tenantId, first, after }: FinanceInvoicesArgs): Promise<InvoiceConnection> {
    return toInvoiceConnection(await this.invoices.page({ status, tenantId }, first, after), first);
  }

  @Mutation(() => InvoiceModel, {
    description: 'DRAFT → OPEN with the next gapless number of the year (PAID at once when nothing is owed)',
  })
  @Can('finalize', 'Invoice')
  async finalizeInvoice(@CurrentActor() actor: Actor, @Args() { id }: InvoiceIdArgs): Promise<InvoiceModel> {
    return toInvoice(await this.finalization.finalize(actor, id));
  }

  @Mutation(() => InvoiceModel, { description: 'DRAFT or OPEN (with no payment) → VOID' })
  @Can('void', 'Invoice')
  async voidInvoice(@CurrentActor() actor: Actor, @Args() { id, reason }: VoidInvoiceArgs): Promise<InvoiceModel> {
    return toInvoice(await this.voiding.void(actor, id, reason));
  }

  @Mutation(() => InvoiceModel, { description: 'Adds a payment to an OPEN invoice; PAID once it is paid in full' })
  @Can('recordPayment', 'Invoice')
  async recordInvoicePayment(
    @CurrentActor() actor: Actor,
    @Args() { id, amountMinor, method, reference }: RecordInvoicePaymentArgs,
  ): Promise<InvoiceModel> {
    return toInvoice(await this.payments.record(actor, id, { amountMinor: BigInt(amountMinor), method, reference }));
  }
}
