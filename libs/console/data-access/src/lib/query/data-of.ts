import { firstValueFrom, type Observable } from 'rxjs';

/**
 * The data of a one-off query or mutation, or the error that stopped it. Apollo types the
 * data as optional because some error policies return partial results; ours never does.
 */
export async function dataOf<T>(request: Observable<{ data?: T | null; error?: unknown }>): Promise<T> {
  const result = await firstValueFrom(request);
  if (result.error) throw result.error;
  if (result.data === undefined || result.data === null) throw new Error('The API answered without data');
  return result.data;
}
