import { Args, Query, Resolver } from '@nestjs/graphql';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { InvoiceConnection, toInvoiceConnection } from '../graphql/invoice-connection.model';
import { InvoiceIdArgs, InvoicePageArgs } from '../graphql/invoice.args';
import { InvoiceModel, toInvoice } from '../graphql/invoice.model';
import { inTenant } from './in-tenant';
import { TenantInvoices } from './tenant-invoices.service';

@Resolver(() => InvoiceModel)
export class TenantInvoicesResolver {
  constructor(private readonly tenantInvoices: TenantInvoices) {}

  @Query(() => InvoiceConnection, { description: "The tenant's issued invoices, newest period first" })
  @Can('read', 'Invoice')
  async invoices(@CurrentActor() actor: Actor, @Args() { first, after }: InvoicePageArgs): Promise<InvoiceConnection> {
    return toInvoiceConnection(await this.tenantInvoices.page(inTenant(actor), first, after), first);
  }

  @Query(() => InvoiceModel, { description: "One of the tenant's issued invoices, with its lines and payments" })
  @Can('read', 'Invoice')
  async invoice(@CurrentActor() actor: Actor, @Args() { id }: InvoiceIdArgs): Promise<InvoiceModel> {
    return toInvoice(await this.tenantInvoices.get(inTenant(actor), id));
  }
}
