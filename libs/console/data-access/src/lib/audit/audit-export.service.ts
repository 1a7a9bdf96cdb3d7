import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, type Observable } from 'rxjs';

export const AUDIT_EXPORT_PATH = '/v1/audit/export';

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/**
 * The tenant's audit log as JSON lines (oldest first, with the hash chain), for people who
 * want to keep or verify it outside Warbler. Goes through HttpClient so the API interceptor
 * signs it; a plain link could not carry the bearer token.
 */
@Injectable({ providedIn: 'root' })
export class AuditExportService {
  private readonly http = inject(HttpClient);

  download(): Observable<DownloadedFile> {
    return this.http.get(AUDIT_EXPORT_PATH, { responseType: 'blob', observe: 'response' }).pipe(
      map((response) => ({
        blob: response.body ?? new Blob([], { type: 'application/x-ndjson' }),
        filename:
          filenameFrom(response.headers.get('Content-Disposition')) ??
          `audit-log-${new Date().toISOString().slice(0, 10)}.jsonl`,
      })),
    );
  }
}

function filenameFrom(disposition: string | null): string | null {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  return match ? decodeURIComponent(match[1]) : null;
}
