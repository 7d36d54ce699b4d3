import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { DomainError } from '../../../domain/errors.js';
import type { ServiceContext } from '../../context.service.js';
import { openRowSource } from '../import/import-source.js';
import { listExportFiles } from './export-folder.js';
import type { ImportKind } from '../../../domain/import/import-fields.js';
import type { ImportOptions } from '../../../domain/import/import-mapping.js';
import { writeCsv } from '../export/csv-writer.js';
import { createRejectsFile, type ImportProgress, importRecords } from '../import/import.service.js';
import type { RejectsSink } from '../../../domain/import/import-report.js';
import type { MigrationSource } from './migration-plan.js';
import { type MigrationReport, migrateExport } from './migration.service.js';

/**
 * Files uploaded for the import wizard: streamed to disk as they arrive (never held in memory),
 * a zip unpacked beside them, each upload in a folder of its own under its workspace, found
 * again by its random id. See docs/import.md (In the browser).
 */

/** Biggest upload and biggest unpacked zip. */
export const UPLOAD_LIMIT_BYTES = 2 * 1024 ** 3;
const SAMPLE_ROWS = 3;
const ID = /^[0-9a-f-]{36}$/;

function uploadsRoot(): string {
  return process.env.QANAT_UPLOAD_DIR ?? join(tmpdir(), 'qanat-uploads');
}

/** The folder of an upload of the actor's workspace; a missing or foreign one is 404. */
export async function uploadFolder(ctx: ServiceContext, id: string): Promise<string> {
  const folder = join(uploadsRoot(), ctx.actor.workspaceId, ID.test(id) ? id : 'none');
  const info = await stat(join(folder, 'files')).catch(() => null);
  if (!info?.isDirectory()) throw new DomainError('NOT_FOUND', 'No such upload');
  return folder;
}

function tooBig(): DomainError {
  return new DomainError('VALIDATION_FAILED', 'The file is too big', [
    { path: ['body'], message: `At most ${UPLOAD_LIMIT_BYTES / 1024 ** 3} GB`, code: 'too_big' },
  ]);
}

async function isZip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } finally {
    await handle.close();
  }
}

/**
 * The CSV and XLSX files of a zip, each written flat into `into` under its own base name (a
 * path in the zip cannot write outside it), stopping at the size limit.
 */
async function unzip(zipPath: string, into: string): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, validateEntrySizes: true }, (error, file) =>
      error || !file ? reject(error ?? new Error('unreadable zip')) : resolve(file),
    ),
  );
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = basename(entry.fileName);
      const isFile = !entry.fileName.endsWith('/') && !name.startsWith('.');
      if (!isFile || !['.csv', '.xlsx'].includes(extname(name).toLowerCase())) {
        zip.readEntry();
        return;
      }
      total += entry.uncompressedSize;
      if (total > UPLOAD_LIMIT_BYTES) {
        zip.close();
        reject(tooBig());
        return;
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) {
          reject(error ?? new Error('unreadable zip entry'));
          return;
        }
        pipeline(stream, createWriteStream(join(into, name)))
          .then(() => zip.readEntry())
          .catch(reject);
      });
    });
    zip.readEntry();
  }).finally(() => zip.close());
}

export interface UploadedFile {
  name: string;
  headers: string[];
  /** The first rows, as the file has them: what the columns hold. */
  samples: string[][];
}

export interface Upload {
  id: string;
  /** The CRM whose export the files are, or null for a file of one kind. */
  source: MigrationSource | null;
  files: UploadedFile[];
}

/** Which CRM's export a folder's files are, from their names and headers. */
function detectSource(files: UploadedFile[]): MigrationSource | null {
  const names = new Set(files.map((f) => f.name.toLowerCase()));
  if (names.has('opportunity.csv') || names.has('account.csv')) return 'salesforce';
  const headers = files.flatMap((f) => f.headers);
  if (headers.some((h) => h.startsWith('Date entered "')) || headers.includes('Record ID')) {
    return 'hubspot';
  }
  if (headers.filter((h) => /^(Deal|Organization|Person|Activity) - /.test(h)).length >= 3) {
    return 'pipedrive';
  }
  return null;
}

async function describeFiles(folder: string): Promise<UploadedFile[]> {
  const files: UploadedFile[] = [];
  const csvs = await listExportFiles(folder);
  for (const name of (await readdir(folder)).sort()) {
    const csv = csvs.get(name.toLowerCase());
    const source = await openRowSource(
      { path: join(folder, name) },
      csv ? { encoding: csv.encoding } : {},
    );
    const samples: string[][] = [];
    try {
      for await (const row of source.rows) {
        samples.push(row.cells);
        if (samples.length >= SAMPLE_ROWS) break;
      }
    } finally {
      source.close();
    }
    files.push({ name, headers: source.headers, samples });
  }
  return files;
}

/** What an upload holds: its files with their headers and first rows, and whose export it is. */
export async function describeUpload(ctx: ServiceContext, id: string): Promise<Upload> {
  const folder = await uploadFolder(ctx, id);
  const files = await describeFiles(join(folder, 'files'));
  return { id, source: detectSource(files), files };
}

/**
 * Keeps an uploaded body: a CSV or XLSX file as it is, a zip of an export folder unpacked. The
 * body is streamed to disk and cut off past the limit; an upload that fails leaves nothing.
 */
export async function saveUpload(
  ctx: ServiceContext,
  body: Readable,
  fileName: string,
): Promise<Upload> {
  const id = randomUUID();
  const folder = join(uploadsRoot(), ctx.actor.workspaceId, id);
  const files = join(folder, 'files');
  await mkdir(files, { recursive: true });
  try {
    const raw = join(folder, 'upload');
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > UPLOAD_LIMIT_BYTES) body.destroy(tooBig());
    });
    await pipeline(body, createWriteStream(raw));
    if (size === 0) {
      throw new DomainError('VALIDATION_FAILED', 'Send the file as the body', [
        { path: ['body'], message: 'A CSV or XLSX file, or a zip of an export folder' },
      ]);
    }
    if (await isZip(raw)) {
      // An XLSX file is a zip too: kept whole when it says it is one.
      if (extname(fileName).toLowerCase() === '.xlsx') {
        await rename(raw, join(files, basename(fileName)));
      } else {
        await unzip(raw, files);
        await rm(raw);
      }
    } else {
      await rename(raw, join(files, basename(fileName) || 'upload.csv'));
    }
    const described = await describeFiles(files);
    if (described.length === 0) {
      throw new DomainError('VALIDATION_FAILED', 'The zip holds no CSV or XLSX file', [
        { path: ['body'], message: 'Zip the export folder’s CSV files', code: 'no_files' },
      ]);
    }
    return { id, source: detectSource(described), files: described };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** What the wizard runs on an upload: another CRM's export, or one file of one kind. */
export interface UploadRunRequest {
  source: MigrationSource | null;
  /** For a file of one kind (source null). */
  kind?: ImportKind | undefined;
  mapping: ImportOptions;
  /** An export: columns of its files mapped to other fields than the migration's (or none). */
  columnsByFile?: Record<string, Record<string, string | null>> | undefined;
  dryRun: boolean;
  onProgress?: ((file: string, progress: ImportProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export type UploadReport = Omit<MigrationReport, 'source' | 'folder'> & {
  source: MigrationSource | null;
};

const REJECTED_FILE = 'rejected.csv';

/** An error naming the uploaded file by its name, not by where the server keeps it. */
function withoutServerPath(error: unknown, path: string, name: string): unknown {
  if (!(error instanceof DomainError)) return error;
  const clean = (text: string) => text.split(path).join(name);
  return new DomainError(
    error.code,
    clean(error.message),
    error.details.map((d) => ({ ...d, message: clean(d.message) })),
    error.data,
  );
}

/**
 * Runs the import of an upload (a dry run, or the real one) and keeps its rejected rows for
 * download: each with its file, line, column, value and reason.
 */
export async function runUpload(
  ctx: ServiceContext,
  id: string,
  request: UploadRunRequest,
): Promise<UploadReport> {
  const folder = await uploadFolder(ctx, id);
  const files = join(folder, 'files');
  const rejectsFolder = join(folder, 'rejected');
  await rm(rejectsFolder, { recursive: true, force: true });
  await mkdir(rejectsFolder);
  const sinks: RejectsSink[] = [];
  const rejectsFor = (file: string) => {
    const sink = createRejectsFile(join(rejectsFolder, basename(file)), true);
    sinks.push(sink);
    return sink;
  };
  let report: UploadReport;
  try {
    report = await runUploadOnce(ctx, files, request, rejectsFor);
  } finally {
    for (const sink of sinks) await sink.close();
  }
  await writeCsv(
    {
      name: 'rejected',
      headers: ['file', 'line', 'row', 'column', 'value', 'reason'],
      widths: [],
      isRightToLeft: false,
      rows: Readable.from(
        report.files.flatMap((f) =>
          f.rejections.map((r) => [f.file, r.line ?? r.row, r.row, r.column, r.value, r.reason]),
        ),
      ),
    },
    createWriteStream(join(folder, REJECTED_FILE)),
  );
  return report;
}

/** The import of an upload's files: a migration of an export, or one file of one kind. */
async function runUploadOnce(
  ctx: ServiceContext,
  files: string,
  request: UploadRunRequest,
  rejectsFor: (file: string) => RejectsSink,
): Promise<UploadReport> {
  if (request.source) {
    const migration: UploadReport = await migrateExport(ctx, {
      source: request.source,
      folder: files,
      mapping: request.mapping,
      columnsByFile: request.columnsByFile,
      rejectsFor,
      dryRun: request.dryRun,
      onProgress: request.onProgress,
      signal: request.signal,
    });
    delete (migration as Partial<MigrationReport>).folder;
    return migration;
  }
  const names = await readdir(files);
  const name = names[0];
  if (!request.kind || names.length !== 1 || name === undefined) {
    throw new DomainError('VALIDATION_FAILED', 'Say what the file holds', [
      {
        path: ['kind'],
        message:
          names.length === 1
            ? 'Choose the kind of records of the file'
            : 'An upload of several files must be an export of Salesforce, HubSpot or Pipedrive',
        code: 'kind_required',
      },
    ]);
  }
  const path = join(files, name);
  const file = await importRecords(ctx, {
    kind: request.kind,
    source: { path },
    options: request.mapping,
    dryRun: request.dryRun,
    rejects: rejectsFor(name),
    signal: request.signal,
    onProgress: (p) => request.onProgress?.(name, p),
  }).catch((error: unknown) => {
    throw withoutServerPath(error, path, name);
  });
  file.file = name;
  return {
    source: null,
    dryRun: request.dryRun,
    committed: file.committed,
    pipelines: [],
    files: [file],
    dealContacts: { linked: 0, alreadyLinked: 0 },
    dealItems: { added: 0, dealsWithItems: 0, unreadable: 0 },
    notRead: [],
    notes: [],
    likelyMisses: [],
  };
}

/** The rejected rows of the upload's last run, as CSV; 404 before any run. */
export async function rejectedRowsFile(
  ctx: ServiceContext,
  id: string,
  file?: string,
): Promise<string> {
  const folder = await uploadFolder(ctx, id);
  // A file's rejected rows with their own cells, else the list of every file's rejections.
  const path =
    file === undefined ? join(folder, REJECTED_FILE) : join(folder, 'rejected', basename(file));
  if (!(await stat(path).catch(() => null))) {
    throw new DomainError('NOT_FOUND', 'Run the import (or its dry run) first');
  }
  return path;
}
