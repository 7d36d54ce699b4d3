import { nearestName } from '../../../domain/import/match-key.js';
import { listMembersForImport } from '../../../db/import.repository.js';
import { DomainError } from '../../../domain/errors.js';
import type { ImportRow } from './import-columns.js';
import { headerKey } from '../../../domain/import/import-fields.js';
import { type ImportRun, RowRejected } from './import-run.js';

export interface Member {
  id: string;
  email: string;
  name: string;
  role: string;
  teamId: string | null;
}

/** The workspace's people, found by email or by name (owners in other CRMs are often names). */
export class MemberDirectory {
  readonly #byEmail = new Map<string, Member>();
  readonly #byName = new Map<string, Member[]>();
  #defaultOwner: Member | null = null;

  static async load(run: ImportRun): Promise<MemberDirectory> {
    const directory = new MemberDirectory();
    for (const row of await listMembersForImport(run.db, run.workspace.id)) {
      directory.add({
        id: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        teamId: row.team_id,
      });
    }
    const email = run.options.defaultOwnerEmail?.toLowerCase();
    if (email) {
      const owner = directory.#byEmail.get(email);
      if (!owner) {
        throw new DomainError('VALIDATION_FAILED', `${email} is not a member of this workspace`, [
          {
            path: ['defaultOwnerEmail'],
            message: 'Add this person first, or name a member',
            code: 'unknown_reference',
          },
        ]);
      }
      directory.#defaultOwner = owner;
    }
    return directory;
  }

  add(member: Member): void {
    this.#byEmail.set(member.email.toLowerCase(), member);
    const key = headerKey(member.name);
    const list = this.#byName.get(key) ?? [];
    if (!list.some((m) => m.id === member.id)) list.push(member);
    this.#byName.set(key, list);
  }

  findByEmail(email: string): Member | undefined {
    return this.#byEmail.get(email.trim().toLowerCase());
  }

  /** The member a name or email means; throws when it is ambiguous. */
  find(text: string, field: string): Member | undefined {
    if (text.includes('@')) return this.findByEmail(text);
    const matches = this.#byName.get(headerKey(text)) ?? [];
    if (matches.length > 1) {
      throw new RowRejected(
        field,
        `owner "${text}" matches ${matches.length} people by name; write their email instead`,
      );
    }
    return matches[0];
  }

  /**
   * The owner of a record: the person the cell names, else the mapping's default owner, else
   * the person importing. An unknown name is a rejection unless a default owner is declared.
   */
  resolveOwner(run: ImportRun, row: ImportRow, field = 'owner'): string | null {
    const text = row.get(field);
    const fallback = this.#defaultOwner?.id ?? run.actor.userId;
    if (text === null) return fallback;
    const member = this.find(text, field);
    if (member) return member.id;
    if (this.#defaultOwner) {
      run.report.warn(
        'owner_defaulted',
        `Owners not found among the workspace's people were given to ${this.#defaultOwner.email}`,
        row.number,
      );
      return this.#defaultOwner.id;
    }
    const names = [...this.#byEmail.values()].flatMap((m) => [m.name, m.email]);
    const near = nearestName(text, names);
    throw new RowRejected(
      field,
      `unknown owner "${text}"${near ? ` (did you mean "${near}"?)` : ''}: not a member of ` +
        'this workspace (import the people first, map the value in "values", or set ' +
        '"defaultOwnerEmail")',
    );
  }
}
