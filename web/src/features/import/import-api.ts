import { useQuery } from '@tanstack/react-query';
import { ApiError, type ApiErrorBody, answer, client, sessionHeaders } from '../../api/client';
import type { components } from '../../api/schema';

export type Upload = components['schemas']['Upload'];
export type UploadReport = components['schemas']['UploadReport'];
export type ImportSource = NonNullable<Upload['source']>;
export type ImportKind = 'companies' | 'contacts' | 'deals' | 'activities' | 'users' | 'products';

export interface Progress {
  file?: string;
  rows: number;
  rowsPerSecond: number;
  bytesRead: number;
  totalBytes: number | null;
  etaSeconds: number | null;
}

async function refusal(response: Response): Promise<ApiError> {
  const data = (await response.json().catch(() => null)) as { error?: ApiErrorBody } | null;
  return new ApiError(
    response.status,
    data?.error ?? { code: 'HTTP_ERROR', message: response.statusText, details: [] },
  );
}

const TYPES: Record<string, string> = {
  zip: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

/** Sends the file as the body: the browser streams it, the server writes it to disk. */
export async function uploadFile(file: File): Promise<Upload> {
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  const response = await fetch(
    `/api/v1/imports/uploads?fileName=${encodeURIComponent(file.name)}`,
    {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        ...sessionHeaders(),
        'content-type': TYPES[extension] ?? 'application/octet-stream',
      },
      body: file,
    },
  );
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as Upload;
}

export interface RunRequest {
  source: ImportSource | null;
  kind?: ImportKind | undefined;
  dryRun: boolean;
  mapping: Record<string, unknown>;
  columnsByFile: Record<string, Record<string, string | null>>;
}

/** Runs the import (or its dry run), reading the progress events as they come. */
export async function runImport(
  uploadId: string,
  request: RunRequest,
  onProgress: (progress: Progress) => void,
): Promise<UploadReport> {
  const response = await fetch(`/api/v1/imports/uploads/${uploadId}/run`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      ...sessionHeaders(),
      'content-type': 'application/json',
      accept: 'application/x-ndjson',
    },
    body: JSON.stringify(request),
  });
  if (!response.ok || !response.body) throw await refusal(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      const event = JSON.parse(line) as
        | ({ type: 'progress' } & Progress)
        | { type: 'report'; report: UploadReport }
        | { type: 'error'; error: ApiErrorBody };
      if (event.type === 'progress') onProgress(event);
      else if (event.type === 'report') return event.report;
      else throw new ApiError(400, event.error);
    }
  }
  throw new ApiError(500, { code: 'HTTP_ERROR', message: 'The import stopped', details: [] });
}

export function rejectedRowsUrl(uploadId: string): string {
  return `/api/v1/imports/uploads/${uploadId}/rejected.csv`;
}

/** The fields a column can go to, by kind of records. */
export function useImportFields() {
  return useQuery({
    queryKey: ['import-fields'],
    queryFn: () => answer(client.GET('/api/v1/imports/fields')),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** One file's rejected rows with their own cells, to fix and import again. */
export function rejectedFileUrl(uploadId: string, file: string): string {
  return `/api/v1/imports/uploads/${uploadId}/rejected/${encodeURIComponent(file)}`;
}
