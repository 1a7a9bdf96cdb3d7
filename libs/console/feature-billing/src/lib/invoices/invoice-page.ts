import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { InvoiceGQL, liveQuery, PermissionsService, userMessage } from '@warbler/console/data-access';
import { ErrorState, LoadingState } from '@warbler/console/ui';
import { InvoiceDocument } from '../invoice-document/invoice-document';
import { InvoiceFileActions } from '../invoice-document/invoice-file-actions';

/** One of the tenant's invoices: amounts, lines with their explanations, payments. */
@Component({
  selector: 'wb-invoice-page',
  imports: [MatButton, MatIcon, RouterLink, ErrorState, LoadingState, InvoiceDocument, InvoiceFileActions],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a mat-button routerLink="/invoices" class="back"><mat-icon>arrow_back</mat-icon> Invoices</a>
    @if (invoice.error(); as error) {
      <wb-error-state title="The invoice could not be loaded" [message]="message(error)" (retry)="invoice.reload()" />
    } @else if (invoice.data(); as current) {
      <h1 class="cdk-visually-hidden">Invoice {{ current.number }}</h1>
      <wb-invoice-document [invoice]="current">
        @if (canDownload()) {
          <wb-invoice-file-actions [invoice]="current" />
        }
      </wb-invoice-document>
    } @else {
      <wb-loading-state [rows]="5" label="Loading the invoice" />
    }
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 16px;
    }
    .back {
      justify-self: start;
    }
  `,
})
export class InvoicePage {
  private readonly query = inject(InvoiceGQL);
  private readonly permissions = inject(PermissionsService);

  /** The route's `:id`, bound by the router. */
  readonly id = input.required<string>();

  protected readonly invoice = liveQuery(
    () => this.query.watch({ variables: { id: this.id() } }).valueChanges,
    (data) => data.invoice,
  );
  protected readonly canDownload = computed(() => this.permissions.can('download', 'Invoice'));
  protected readonly message = userMessage;
}
