import { Controller, Get, Inject, Param, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { Can, CurrentActor } from '@warbler/api/access';
import type { Actor } from '@warbler/api/core';
import { type BillingDocument, creditNoteDocument, invoiceDocument } from './billing-document';
import { DOCUMENT_CSP, renderDocumentHtml } from './document-html';
import { renderDocumentPdf } from './document-pdf';
import { DocumentReads } from './document-reads';
import { INVOICE_ISSUER, type InvoiceIssuer } from './invoice-issuer';

/**
 * Invoices and credit notes as files, for the console to download with the caller's bearer token
 * (and X-Tenant-Id for tenant users): a PDF to keep, and a printable HTML page.
 */
@Controller('v1')
export class DocumentsController {
  constructor(
    private readonly reads: DocumentReads,
    @Inject(INVOICE_ISSUER) private readonly issuer: InvoiceIssuer,
  ) {}

  @Get('invoices/:id.pdf')
  @Can('download', 'Invoice')
  async invoicePdf(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return pdf(response, invoiceDocument(await this.reads.invoice(actor, id), this.issuer));
  }

  @Get('invoices/:id.html')
  @Can('download', 'Invoice')
  async invoiceHtml(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return html(response, invoiceDocument(await this.reads.invoice(actor, id), this.issuer));
  }

  @Get('credit-notes/:id.pdf')
  @Can('download', 'Invoice')
  async creditNotePdf(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return pdf(response, creditNoteDocument(await this.reads.creditNote(actor, id), this.issuer));
  }

  @Get('credit-notes/:id.html')
  @Can('download', 'Invoice')
  async creditNoteHtml(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return html(response, creditNoteDocument(await this.reads.creditNote(actor, id), this.issuer));
  }
}

/** Money documents are private to their reader: never kept by a shared cache. */
function privateFile(response: Response): void {
  response.setHeader('Cache-Control', 'private, no-store');
}

async function pdf(response: Response, document: BillingDocument): Promise<StreamableFile> {
  const file = await renderDocumentPdf(document);
  privateFile(response);
  return new StreamableFile(file, {
    type: 'application/pdf',
    disposition: `attachment; filename="${document.fileName}.pdf"`,
    length: file.length,
  });
}

function html(response: Response, document: BillingDocument): StreamableFile {
  const file = Buffer.from(renderDocumentHtml(document), 'utf8');
  privateFile(response);
  response.setHeader('Content-Security-Policy', DOCUMENT_CSP);
  return new StreamableFile(file, {
    type: 'text/html; charset=utf-8',
    disposition: `inline; filename="${document.fileName}.html"`,
    length: file.length,
  });
}
