import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import type { z } from 'zod';
import {
  ActivityExportQuery,
  CompanyExportQuery,
  ContactExportQuery,
  DealExportQuery,
} from '../../api/schemas/export.schemas.js';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  type ListExportRequest,
  prepareListExport,
} from '../../services/transfer/export/list-export.service.js';
import { cliContext } from '../cli-context.js';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../open-database.js';

/** Each command-line flag and the list filter it sets. */
const FLAGS = {
  status: { flag: '--status <status>', query: 'status', help: 'open, won or lost' },
  q: { flag: '--q <text>', query: 'q', help: 'search text, as in the list' },
  owner: { flag: '--owner <user-id>', query: 'ownerId', help: 'only this owner’s records' },
  pipeline: { flag: '--pipeline <id>', query: 'pipelineId', help: 'only this pipeline' },
  stage: { flag: '--stage <id>', query: 'stageId', help: 'only this stage' },
  company: { flag: '--company <id>', query: 'companyId', help: 'only this company’s records' },
  contact: { flag: '--contact <id>', query: 'contactId', help: 'only this contact’s records' },
  deal: { flag: '--deal <id>', query: 'dealId', help: 'only this deal’s activities' },
  email: { flag: '--email <address>', query: 'email', help: 'the contact with this email' },
  done: { flag: '--done <true|false>', query: 'isDone', help: 'done or open activities' },
  sort: { flag: '--sort <field>', query: 'sort', help: 'order, as in the list' },
  direction: { flag: '--direction <asc|desc>', query: 'direction', help: 'order direction' },
} as const;
type Flag = keyof typeof FLAGS;

interface ListCommand {
  resource: ListExportRequest['resource'];
  schema: z.ZodType<Record<string, unknown>>;
  flags: Flag[];
}

const LISTS: ListCommand[] = [
  {
    resource: 'deals',
    schema: DealExportQuery,
    flags: ['status', 'q', 'owner', 'pipeline', 'stage', 'company', 'contact', 'sort', 'direction'],
  },
  { resource: 'companies', schema: CompanyExportQuery, flags: ['q', 'owner', 'sort', 'direction'] },
  {
    resource: 'contacts',
    schema: ContactExportQuery,
    flags: ['q', 'company', 'email', 'sort', 'direction'],
  },
  {
    resource: 'activities',
    schema: ActivityExportQuery,
    flags: ['owner', 'deal', 'company', 'contact', 'done', 'direction'],
  },
];

/**
 * The format: `--format` when given, else the file's extension. A name that says the other
 * format is refused rather than written with the wrong content.
 */
function formatOf(file: string, option: ExportFormat | undefined): ExportFormat {
  const extension = /\.(csv|xlsx)$/i.exec(file)?.[1]?.toLowerCase() as ExportFormat | undefined;
  if (option !== undefined && extension !== undefined && option !== extension) {
    throw new CliError(`${file}: the name says .${extension} but --format is ${option}`, 2);
  }
  const format = option ?? extension;
  if (format === undefined) {
    throw new CliError(`${file}: name the file .csv or .xlsx, or give --format csv|xlsx`, 2);
  }
  return format;
}

/** Validates the flags with the list endpoint's own query schema; a bad one exits with 2. */
function requestOf(list: ListCommand, options: Record<string, string | undefined>) {
  const raw: Record<string, string> = {};
  for (const flag of [...list.flags, 'lang'] as const) {
    const value = options[flag];
    if (value !== undefined) raw[flag === 'lang' ? 'lang' : FLAGS[flag].query] = value;
  }
  const parsed = list.schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? '');
    const flag = Object.entries(FLAGS).find(([, f]) => f.query === key)?.[0] ?? key;
    throw new CliError(`--${flag}: ${issue?.message ?? 'invalid value'}`, 2);
  }
  const { lang, isDone, ...query } = parsed.data;
  const request = {
    resource: list.resource,
    query: isDone === undefined ? query : { ...query, isDone: isDone === 'true' },
  } as ListExportRequest;
  return { request, lang: lang as 'en' | 'ar' | undefined };
}

async function runExport(
  list: ListCommand,
  file: string,
  options: Record<string, string | undefined>,
) {
  const format = formatOf(file, options.format as ExportFormat | undefined);
  const { request, lang } = requestOf(list, options);
  const db = await openDatabase(loadConfig());
  try {
    const ctx = await cliContext(db, options.workspace);
    const prepared = await prepareListExport(ctx, request, { format, lang });
    try {
      const count = await prepared.writeTo(createWriteStream(file));
      console.log(`Exported ${count} ${list.resource} to ${file}`);
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
  } finally {
    await db.destroy();
  }
}

export function registerExportCommands(program: Command): void {
  const exportGroup = commandGroup(
    program,
    'export',
    'Export lists as CSV or XLSX, or a workspace',
  );
  for (const list of LISTS) {
    const command = exportGroup
      .command(`${list.resource} <file>`)
      .description(
        `Export ${list.resource} as CSV (UTF-8 with BOM) or XLSX, filtered as in the list`,
      )
      .addOption(
        new Option('--format <format>', 'csv or xlsx (default: from the file name)').choices(
          EXPORT_FORMATS,
        ),
      );
    for (const flag of list.flags) command.option(FLAGS[flag].flag, FLAGS[flag].help);
    command
      .option('--lang <en|ar>', 'language of headers and stage names (default: the workspace’s)')
      .option('--workspace <id-or-name>', 'the workspace, when there are several')
      .action((file: string, options: Record<string, string | undefined>) =>
        runExport(list, file, options),
      );
  }
}
