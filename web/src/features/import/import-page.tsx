/**
 * The import wizard: upload a CSV or XLSX file, or a zip of another CRM's export folder; see
 * whose export it is and what each file holds; run a dry run and read its report; map the
 * values it could not place (a stage, an owner, a currency) with its suggestions; then import,
 * watching the progress, and download the rejected rows. Admins and managers.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { formatNumber } from '../../format';
import {
  type ImportKind,
  type ImportSource,
  type Progress,
  rejectedFileUrl,
  rejectedRowsUrl,
  runImport,
  type Upload,
  type UploadReport,
  uploadFile,
  useImportFields,
} from './import-api';

const SOURCES: ImportSource[] = ['salesforce', 'hubspot', 'pipedrive'];
const KINDS: ImportKind[] = ['deals', 'companies', 'contacts', 'activities', 'products', 'users'];

type FileReport = UploadReport['files'][number];

/** A value the dry run could not place, and what it maps to. */
interface ValueFix {
  field: string;
  value: string;
  count: number;
  suggestion: string | null;
}

/** The values rejected rows hold, by field, with the nearest name the reason suggests. */
function valueFixes(report: UploadReport): ValueFix[] {
  const fixes = new Map<string, ValueFix>();
  for (const file of report.files) {
    for (const rejection of file.rejections) {
      const field = file.columns.find((c) => c.column === rejection.column)?.field;
      if (!field || rejection.value === null) continue;
      const key = `${field}\u0000${rejection.value}`;
      const known = fixes.get(key);
      if (known) known.count += 1;
      else {
        const suggestion = /did you mean "([^"]+)"/.exec(rejection.reason)?.[1] ?? null;
        fixes.set(key, { field, value: rejection.value, count: 1, suggestion });
      }
    }
  }
  return [...fixes.values()];
}

/** The mapping the wizard sends: the values given a target (an empty one is no mapping). */
function mappingOf(
  values: Record<string, Record<string, string>>,
  columns: Record<string, string | null>,
): Record<string, unknown> {
  const mapped: Record<string, Record<string, string>> = {};
  for (const [field, map] of Object.entries(values)) {
    for (const [from, to] of Object.entries(map)) {
      if (to.trim() !== '') mapped[field] = { ...mapped[field], [from]: to.trim() };
    }
  }
  return {
    ...(Object.keys(mapped).length > 0 ? { values: mapped } : {}),
    ...(Object.keys(columns).length > 0 ? { columns } : {}),
  };
}

export default function ImportPage() {
  const { t } = useTranslation();
  const [upload, setUpload] = useState<Upload | null>(null);
  const [source, setSource] = useState<ImportSource | null>(null);
  const [kind, setKind] = useState<ImportKind>('deals');
  const [values, setValues] = useState<Record<string, Record<string, string>>>({});
  // Columns as the person maps them, by file: a file of one kind's go in the mapping, an
  // export's beside the migration's own (once a run has said what each file is).
  const [columns, setColumns] = useState<Record<string, Record<string, string | null>>>({});
  const fields = useImportFields();
  const [report, setReport] = useState<UploadReport | null>(null);
  const [progress, setProgress] = useState<(Progress & { isDone?: boolean }) | null>(null);
  const [busy, setBusy] = useState<'upload' | 'dry' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const fileId = useId();
  const sourceId = useId();
  const kindId = useId();

  // The details say what to change (the column a field needs, the value that is unknown).
  const fail = (e: unknown) =>
    setError(
      e instanceof ApiError
        ? [e.body.message, ...e.body.details.map((d) => d.message)].join(' — ')
        : t('import.failed'),
    );

  async function onFile(file: File | undefined) {
    if (!file) return;
    setBusy('upload');
    setError(null);
    setReport(null);
    setValues({});
    setColumns({});
    try {
      const uploaded = await uploadFile(file);
      setUpload(uploaded);
      setSource(uploaded.source);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  }

  async function run(isDryRun: boolean) {
    if (!upload) return;
    setBusy(isDryRun ? 'dry' : 'import');
    setError(null);
    setProgress(null);
    try {
      const result = await runImport(
        upload.id,
        {
          source,
          kind: source === null ? kind : undefined,
          dryRun: isDryRun,
          mapping: mappingOf(
            values,
            source === null ? (columns[upload.files[0]?.name ?? ''] ?? {}) : {},
          ),
          columnsByFile: source === null ? {} : columns,
        },
        setProgress,
      );
      setReport(result);
      // New pipelines, people, companies and deals: every list the app holds is out of date.
      if (result.committed) await queryClient.invalidateQueries();
      // The bar stays, full, with what was read: a small import can end before its first event.
      setProgress((last) => ({
        rows: result.files.reduce((n, f) => n + f.rows.total, 0),
        rowsPerSecond: last?.rowsPerSecond ?? 0,
        bytesRead: 1,
        totalBytes: 1,
        etaSeconds: null,
        isDone: true,
      }));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  }

  const setFix = (fix: ValueFix, to: string) =>
    setValues((current) => ({
      ...current,
      [fix.field]: { ...current[fix.field], [fix.value]: to },
    }));

  const fixes = report ? valueFixes(report) : [];
  const rejected = report ? report.files.reduce((n, f) => n + f.rows.rejected, 0) : 0;

  return (
    <section className="import-page" aria-labelledby="import-title">
      <h1 id="import-title">{t('import.title')}</h1>
      <p className="hint">{t('import.intro')}</p>

      <h2>{t('import.step.file')}</h2>
      <label htmlFor={fileId}>{t('import.file')}</label>
      <input
        id={fileId}
        type="file"
        accept=".csv,.xlsx,.zip,text/csv,application/zip"
        disabled={busy !== null}
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      {busy === 'upload' && <p role="status">{t('import.uploading')}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}

      {upload && (
        <>
          <h2>{t('import.step.detected')}</h2>
          <p role="status">
            {source
              ? t('import.detected', { source: t(`import.source.${source}`) })
              : t('import.single')}
          </p>
          <div className="filter-bar">
            <label htmlFor={sourceId}>{t('import.sourceLabel')}</label>
            <select
              id={sourceId}
              value={source ?? ''}
              onChange={(e) => setSource((e.target.value || null) as ImportSource | null)}
            >
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`import.source.${s}`)}
                </option>
              ))}
              <option value="">{t('import.source.file')}</option>
            </select>
            {source === null && (
              <>
                <label htmlFor={kindId}>{t('import.kind')}</label>
                <select
                  id={kindId}
                  value={kind}
                  onChange={(e) => setKind(e.target.value as ImportKind)}
                >
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`import.kinds.${k}`)}
                    </option>
                  ))}
                </select>
              </>
            )}
          </div>
          {upload.files.map((file) => {
            const fileReport = report?.files.find((f) => f.file === file.name);
            const fileKind = source === null ? kind : fileReport?.kind;
            return (
              <FilePreview
                key={file.name}
                file={file}
                report={fileReport}
                misses={report?.likelyMisses.filter((m) => m.file === file.name) ?? []}
                choices={fileKind ? (fields.data?.kinds[fileKind] ?? null) : null}
                chosen={columns[file.name] ?? {}}
                onChoose={(header, field) =>
                  setColumns((current) => {
                    const next = { ...current[file.name] };
                    if (field === undefined) delete next[header];
                    else next[header] = field;
                    return { ...current, [file.name]: next };
                  })
                }
              />
            );
          })}

          {fixes.length > 0 && (
            <>
              <h2>{t('import.step.values')}</h2>
              <p className="hint">{t('import.valuesHint')}</p>
              <table className="import-values">
                <caption className="visually-hidden">{t('import.step.values')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('import.field')}</th>
                    <th scope="col">{t('import.value')}</th>
                    <th scope="col">{t('import.rows')}</th>
                    <th scope="col">{t('import.mapTo')}</th>
                  </tr>
                </thead>
                <tbody>
                  {fixes.map((fix) => (
                    <ValueFixRow
                      key={`${fix.field} ${fix.value}`}
                      fix={fix}
                      to={values[fix.field]?.[fix.value]}
                      onChange={(to) => setFix(fix, to)}
                    />
                  ))}
                </tbody>
              </table>
            </>
          )}

          <h2>{t('import.step.run')}</h2>
          <div className="actions">
            <button type="button" disabled={busy !== null} onClick={() => void run(true)}>
              {t('import.dryRun')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={busy !== null || !report?.dryRun || rejected > 0}
              onClick={() => void run(false)}
            >
              {t('import.run')}
            </button>
          </div>
          {((busy !== null && busy !== 'upload') || progress !== null) && (
            <ProgressBar progress={progress} />
          )}
          {report && <ReportSummary report={report} uploadId={upload.id} rejected={rejected} />}
        </>
      )}
    </section>
  );
}

function ValueFixRow({
  fix,
  to,
  onChange,
}: {
  fix: ValueFix;
  to: string | undefined;
  onChange: (to: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <tr>
      <td>{fix.field}</td>
      <td>
        <bdi>{fix.value}</bdi>
      </td>
      <td>{formatNumber(fix.count, i18n.language)}</td>
      <td>
        <label htmlFor={id} className="visually-hidden">
          {t('import.mapValue', { value: fix.value })}
        </label>
        <input id={id} value={to ?? ''} onChange={(e) => onChange(e.target.value)} />
        {fix.suggestion && to !== fix.suggestion && (
          <button type="button" className="link" onClick={() => onChange(fix.suggestion ?? '')}>
            {t('import.useSuggestion', { suggestion: fix.suggestion })}
          </button>
        )}
      </td>
    </tr>
  );
}

/**
 * A file's headers with a sample of each, and, once a run read it, the field each goes to —
 * a choice for a file of one kind; a column that reads as a field it is not mapped to is said.
 */
function FilePreview({
  file,
  report,
  misses,
  choices,
  chosen,
  onChoose,
}: {
  file: Upload['files'][number];
  report: FileReport | undefined;
  misses: UploadReport['likelyMisses'];
  choices: string[] | null;
  chosen: Record<string, string | null>;
  /** undefined: back to the guess from the header. */
  onChoose: (header: string, field: string | null | undefined) => void;
}) {
  const { t } = useTranslation();
  const sample = file.samples[0] ?? [];
  return (
    <details className="import-file">
      <summary>
        <bdi>{file.name}</bdi>
        {report && ` — ${t(`import.kinds.${report.kind}`)}`}
      </summary>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{file.name}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.sample')}</th>
              <th scope="col">{t('import.field')}</th>
            </tr>
          </thead>
          <tbody>
            {file.headers.map((header, i) => {
              const field = report?.columns.find((c) => c.column === header)?.field;
              const miss = misses.find((m) => m.column === header);
              return (
                <tr key={header}>
                  <th scope="row">
                    <bdi>{header}</bdi>
                  </th>
                  <td>
                    <bdi>{sample[i] ?? ''}</bdi>
                  </td>
                  <td>
                    {choices ? (
                      <ColumnChoice
                        header={header}
                        choices={choices}
                        value={header in chosen ? (chosen[header] ?? null) : undefined}
                        guessed={field}
                        onChange={(to) => onChoose(header, to)}
                      />
                    ) : report ? (
                      (field ?? t('import.notImported'))
                    ) : (
                      '…'
                    )}
                    {miss && (
                      <span className="hint"> {t('import.likelyMiss', { field: miss.field })}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}

const GUESS = '*';

/** Where a column of a file of one kind goes: the guess from its header, a field, or nowhere. */
function ColumnChoice({
  header,
  choices,
  value,
  guessed,
  onChange,
}: {
  header: string;
  choices: string[];
  /** undefined: the guess. */
  value: string | null | undefined;
  /** What the last run made of the column (null: not imported). */
  guessed: string | null | undefined;
  onChange: (field: string | null | undefined) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const guess =
    guessed === undefined
      ? t('import.guess')
      : t('import.guessed', { field: guessed ?? t('import.notImported') });
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {t('import.columnTo', { column: header })}
      </label>
      <select
        id={id}
        value={value === undefined ? GUESS : (value ?? '')}
        onChange={(e) => onChange(e.target.value === GUESS ? undefined : e.target.value || null)}
      >
        <option value={GUESS}>{guess}</option>
        <option value="">{t('import.notImported')}</option>
        {choices.map((f) => (
          <option key={f} value={f}>
            {f}
          </option>
        ))}
      </select>
    </>
  );
}

function ProgressBar({ progress }: { progress: (Progress & { isDone?: boolean }) | null }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const total = progress?.totalBytes ?? null;
  return (
    <div className="import-progress">
      <label>
        {progress?.isDone ? (
          t('import.finished')
        ) : progress?.file ? (
          <bdi>{progress.file}</bdi>
        ) : (
          t('import.starting')
        )}
        <progress
          max={total ?? undefined}
          value={total === null ? undefined : (progress?.bytesRead ?? 0)}
        />
      </label>
      {progress && (
        <p aria-live="polite">
          {t('import.progress', {
            rows: formatNumber(progress.rows, language),
            rate: formatNumber(Math.round(progress.rowsPerSecond), language),
          })}
          {progress.etaSeconds !== null &&
            ` ${t('import.eta', { seconds: formatNumber(Math.ceil(progress.etaSeconds), language) })}`}
        </p>
      )}
    </div>
  );
}

function ReportSummary({
  report,
  uploadId,
  rejected,
}: {
  report: UploadReport;
  uploadId: string;
  rejected: number;
}) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const outcome = report.dryRun
    ? rejected > 0
      ? t('import.outcome.dryRefused')
      : t('import.outcome.dry')
    : report.committed
      ? t('import.outcome.done')
      : t('import.outcome.refused');
  return (
    <div className="import-report" role="region" aria-labelledby="import-report-title">
      <h2 id="import-report-title">{t('import.report')}</h2>
      <p role="status">{outcome}</p>
      {report.pipelines.map((p) => (
        <p key={p.name}>
          {t(p.created ? 'import.pipelineCreated' : 'import.pipelineFound', { name: p.name })}:{' '}
          <bdi>{p.stages.join(' → ')}</bdi>
        </p>
      ))}
      <table>
        <caption className="visually-hidden">{t('import.report')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.fileColumn')}</th>
            <th scope="col">{t('import.kind')}</th>
            <th scope="col">{t('import.created')}</th>
            <th scope="col">{t('import.updated')}</th>
            <th scope="col">{t('import.skipped')}</th>
            <th scope="col">{t('import.rejected')}</th>
          </tr>
        </thead>
        <tbody>
          {report.files.map((f, i) => (
            <tr key={`${f.file} ${i}`}>
              <th scope="row">
                <bdi>{f.file}</bdi>
              </th>
              <td>{t(`import.kinds.${f.kind}`)}</td>
              <td>{n(f.rows.created)}</td>
              <td>{n(f.rows.updated)}</td>
              <td>{n(f.rows.skipped)}</td>
              <td>
                {f.rows.rejected > 0 && f.rejections.length > 0 ? (
                  <a
                    href={rejectedFileUrl(uploadId, f.file)}
                    download
                    aria-label={t('import.downloadFileRejected', {
                      count: f.rows.rejected,
                      file: f.file,
                    })}
                  >
                    {n(f.rows.rejected)}
                  </a>
                ) : (
                  n(f.rows.rejected)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.files.some((f) => f.rejections.length > 0) && (
        <ul className="import-rejections">
          {report.files.flatMap((f) =>
            f.rejections.slice(0, 20).map((r) => (
              <li key={`${f.file} ${r.row} ${r.column}`}>
                <bdi>
                  {f.file}:{r.line ?? r.row} {r.column ?? ''}
                  {r.value === null ? '' : ` "${r.value}"`}
                </bdi>
                : {r.reason}
              </li>
            )),
          )}
        </ul>
      )}
      {report.notes.map((note) => (
        <p key={note.code} className="hint">
          {note.message} ({n(note.count)})
        </p>
      ))}
      {report.notRead.length > 0 && (
        <p className="hint">{t('import.notRead', { files: report.notRead.join(', ') })}</p>
      )}
      {rejected > 0 && (
        <a href={rejectedRowsUrl(uploadId)} download>
          {t('import.downloadRejected')}
        </a>
      )}
      {report.committed && !report.dryRun && <Link to="/deals">{t('import.seeDeals')}</Link>}
    </div>
  );
}
