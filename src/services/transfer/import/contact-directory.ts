import type { Insertable } from 'kysely';
import { insertRowsInChunks, listContactsForMatching } from '../../../db/import.repository.js';
import type { ContactChannelTable, ContactTable } from '../../../db/schema.js';
import { updateAtVersion } from '../../../db/versioned.js';
import { nameMatchKey } from '../../../domain/import/match-key.js';
import { buildSearchText } from '../../../domain/search-text.js';
import { changedDuringImport, type ImportRun } from './import-run.js';

export interface ContactChannel {
  kind: 'email' | 'phone';
  value: string;
  normalized: string;
}

export interface ContactEntry {
  id: string;
  name: string;
  jobTitle: string | null;
  companyId: string | null;
  role: string;
  ownerId: string | null;
  version: number;
  channels: ContactChannel[];
  createdAtRow: number | null;
  isPending: boolean;
}

export type ContactFields = Pick<
  ContactEntry,
  'name' | 'jobTitle' | 'companyId' | 'role' | 'ownerId'
>;

/** The workspace's contacts in memory, found by any of their emails or phone numbers. */
export class ContactDirectory {
  readonly #byId = new Map<string, ContactEntry>();
  readonly #byChannel = new Map<string, ContactEntry>();
  readonly #byName = new Map<string, ContactEntry>();
  readonly #nameCounts = new Map<string, number>();
  #created: ContactEntry[] = [];
  #updated = new Set<ContactEntry>();
  #newChannels: { entry: ContactEntry; channel: ContactChannel }[] = [];

  static async load(run: ImportRun): Promise<ContactDirectory> {
    const directory = new ContactDirectory();
    for (const row of await listContactsForMatching(run.db, run.workspace.id)) {
      let entry = directory.#byId.get(row.id);
      if (!entry) {
        entry = {
          id: row.id,
          name: row.name,
          jobTitle: row.job_title,
          companyId: row.company_id,
          role: row.role,
          ownerId: row.owner_id,
          version: row.version,
          channels: [],
          createdAtRow: null,
          isPending: false,
        };
        directory.#index(entry);
      }
      if (row.kind && row.value !== null && row.normalized !== null) {
        const channel = { kind: row.kind, value: row.value, normalized: row.normalized };
        entry.channels.push(channel);
        directory.#byChannel.set(`${channel.kind}:${channel.normalized}`, entry);
      }
    }
    return directory;
  }

  #index(entry: ContactEntry): void {
    this.#byId.set(entry.id, entry);
    const key = nameMatchKey(entry.name);
    if (!this.#byName.has(key)) this.#byName.set(key, entry);
    this.#nameCounts.set(key, (this.#nameCounts.get(key) ?? 0) + 1);
  }

  byId(id: string): ContactEntry | undefined {
    return this.#byId.get(id);
  }

  /** The contact holding any of these emails or phones. */
  findByChannels(channels: ContactChannel[]): ContactEntry | undefined {
    for (const channel of channels) {
      const entry = this.#byChannel.get(`${channel.kind}:${channel.normalized}`);
      if (entry) return entry;
    }
    return undefined;
  }

  findByName(name: string): ContactEntry | undefined {
    return this.#byName.get(nameMatchKey(name));
  }

  /** How many contacts carry this name (folded): more than one cannot be told apart by name. */
  countByName(name: string): number {
    return this.#nameCounts.get(nameMatchKey(name)) ?? 0;
  }

  create(run: ImportRun, rowNumber: number, fields: ContactFields, channels: ContactChannel[]) {
    const entry: ContactEntry = {
      ...fields,
      id: run.newId(),
      version: 1,
      channels: [],
      createdAtRow: rowNumber,
      isPending: true,
    };
    this.#index(entry);
    this.#created.push(entry);
    this.addChannels(entry, channels);
    return entry;
  }

  /** Applies the non-empty fields that differ and adds new channels; returns whether anything changed. */
  update(entry: ContactEntry, fields: Partial<ContactFields>, channels: ContactChannel[]): boolean {
    let isChanged = false;
    for (const key of ['name', 'jobTitle', 'companyId', 'role', 'ownerId'] as const) {
      const value = fields[key];
      if (value !== undefined && value !== null && value !== entry[key]) {
        entry[key] = value;
        isChanged = true;
      }
    }
    if (this.addChannels(entry, channels)) isChanged = true;
    if (isChanged && !entry.isPending) this.#updated.add(entry);
    return isChanged;
  }

  /** Marks a contact whose custom values change, so its version moves with them. */
  touch(entry: ContactEntry): void {
    if (!entry.isPending) this.#updated.add(entry);
  }

  addChannels(entry: ContactEntry, channels: ContactChannel[]): boolean {
    let isAdded = false;
    for (const channel of channels) {
      const key = `${channel.kind}:${channel.normalized}`;
      if (entry.channels.some((c) => `${c.kind}:${c.normalized}` === key)) continue;
      entry.channels.push(channel);
      if (!this.#byChannel.has(key)) this.#byChannel.set(key, entry);
      if (!entry.isPending) this.#newChannels.push({ entry, channel });
      isAdded = true;
    }
    return isAdded;
  }

  async write(run: ImportRun): Promise<void> {
    const created = this.#created;
    const updated = [...this.#updated];
    const newChannels = this.#newChannels;
    this.#created = [];
    this.#updated = new Set();
    this.#newChannels = [];
    for (const entry of created) entry.isPending = false;
    const workspaceId = run.workspace.id;
    const searchText = (entry: ContactEntry) =>
      buildSearchText(
        entry.name,
        entry.jobTitle,
        ...entry.channels.filter((c) => c.kind === 'email').map((c) => c.value),
      );
    const rows: Insertable<ContactTable>[] = created.map((entry) => ({
      id: entry.id,
      workspace_id: workspaceId,
      company_id: entry.companyId,
      name: entry.name,
      job_title: entry.jobTitle,
      role: entry.role,
      owner_id: entry.ownerId,
      search_text: searchText(entry),
      created_at: run.now,
      updated_at: run.now,
    }));
    const channelRow = (
      entry: ContactEntry,
      channel: ContactChannel,
    ): Insertable<ContactChannelTable> => ({
      id: run.newId(),
      workspace_id: workspaceId,
      contact_id: entry.id,
      kind: channel.kind,
      value: channel.value,
      normalized: channel.normalized,
      label: null,
      position: entry.channels.filter((c) => c.kind === channel.kind).indexOf(channel),
    });
    await insertRowsInChunks(run.db, 'contacts', rows);
    await insertRowsInChunks(run.db, 'contact_channels', [
      ...created.flatMap((entry) => entry.channels.map((c) => channelRow(entry, c))),
      ...newChannels.map(({ entry, channel }) => channelRow(entry, channel)),
    ]);
    for (const entry of updated) {
      const changed = await updateAtVersion(
        run.db,
        'contacts',
        workspaceId,
        entry.id,
        entry.version,
        {
          name: entry.name,
          job_title: entry.jobTitle,
          company_id: entry.companyId,
          role: entry.role,
          ...(entry.ownerId ? { owner_id: entry.ownerId } : {}),
          search_text: searchText(entry),
          updated_at: run.now,
        },
      );
      if (changed === 0) throw changedDuringImport('contact', entry.name);
      entry.version += 1;
    }
  }
}
