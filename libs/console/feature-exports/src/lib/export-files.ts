import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';

/**
 * Export files saved where the browser keeps downloads. They go through HttpClient so the API
 * interceptor adds the bearer token; a plain link could not.
 */
@Injectable({ providedIn: 'root' })
export class ExportFiles {
  private readonly http = inject(HttpClient);

  /** Answers the file name it was saved under. */
  async download(job: { id: string; downloadPath: string; format: string }): Promise<string> {
    const response = await firstValueFrom(
      this.http.get(job.downloadPath, { responseType: 'blob', observe: 'response' }),
    );
    const disposition = response.headers.get('Content-Disposition');
    const filename =
      disposition?.match(/filename="?([^";]+)"?/i)?.[1] ?? `export-${job.id}.${job.format === 'CSV' ? 'csv' : 'jsonl'}`;
    const url = URL.createObjectURL(response.body ?? new Blob([]));
    Object.assign(document.createElement('a'), { href: url, download: filename }).click();
    URL.revokeObjectURL(url);
    return filename;
  }
}
