import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/**
 * Invoices and credit notes as files: the PDF to keep, and the invoice's printable HTML page. Both go through
 * HttpClient so the API interceptor adds the bearer token (and the tenant); a plain link could not.
 */
@Injectable({ providedIn: 'root' })
export class InvoiceFiles {
  private readonly http = inject(HttpClient);

  /** Saves the invoice's PDF where the browser keeps downloads; answers its file name. */
  downloadPdf(invoice: { id: string; number: string | null }): Promise<string> {
    return this.download(`/v1/invoices/${encodeURIComponent(invoice.id)}.pdf`, invoice.number ?? invoice.id);
  }

  downloadCreditNotePdf(note: { id: string; number: string }): Promise<string> {
    return this.download(`/v1/credit-notes/${encodeURIComponent(note.id)}.pdf`, note.number);
  }

  private async download(path: string, fallbackName: string): Promise<string> {
    const response = await firstValueFrom(this.http.get(path, { responseType: 'blob', observe: 'response' }));
    const blob = response.body ?? new Blob([], { type: 'application/pdf' });
    const filename = filenameFrom(response.headers.get('Content-Disposition')) ?? `${fallbackName}.pdf`;
    const url = URL.createObjectURL(blob);
    Object.assign(document.createElement('a'), { href: url, download: filename }).click();
    URL.revokeObjectURL(url);
    return filename;
  }

  /**
   * Shows the printable page in a new tab. The tab is opened before the request, while the click
   * still counts as the person's, so no pop-up blocker stops it; it inherits the console's content
   * security policy, and the page runs no script anyway.
   */
  async openPrintable(invoice: { id: string }): Promise<void> {
    const view = window.open('', '_blank');
    try {
      const html = await firstValueFrom(
        this.http.get(`/v1/invoices/${encodeURIComponent(invoice.id)}.html`, { responseType: 'blob' }),
      );
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
      if (view) view.location.href = url;
      // The tab has loaded it by then; the URL is only a handle.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      view?.close();
      throw error;
    }
  }
}

function filenameFrom(disposition: string | null): string | null {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return match ? decodeURIComponent(match[1]) : null;
}
