import { randomBytes } from 'node:crypto';
import {
  insertTeamRow,
  listTeamsByName,
  setMemberTeamAndRole,
  setTeamManager,
} from '../../../db/import.repository.js';
import { nameMatchKey } from '../../../domain/import/match-key.js';
import { addUserToWorkspace } from '../../access/user.service.js';
import type { ImportRow } from './import-columns.js';
import { headerKey } from '../../../domain/import/import-fields.js';
import { type ImportRun, RowRejected } from './import-run.js';
import type { KindImporter } from './kind-importer.js';
import type { Member, MemberDirectory } from './member-directory.js';

type ImportedRole = 'manager' | 'rep';

interface Team {
  id: string;
  name: string;
  managerId: string | null;
}

/**
 * The email of a person the file names without one: first.last@<userEmailDomain>, letters
 * folded to ASCII. Null when the name has no Latin letters to build it from.
 * @example emailFromName('Mei-Mei Johns', 'maven.example') === 'mei-mei.johns@maven.example'
 */
export function emailFromName(name: string, domain: string): string | null {
  const local = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .split(/\s+/)
    .filter((p) => p !== '')
    .join('.');
  return local === '' ? null : `${local}@${domain}`;
}

function roleOf(row: ImportRow): ImportedRole {
  const text = row.get('role');
  if (text === null) return 'rep';
  const key = headerKey(text);
  if (['rep', 'sales rep', 'agent', 'sales agent', 'مندوب', 'مندوب مبيعات'].includes(key))
    return 'rep';
  if (['manager', 'sales manager', 'مدير', 'مدير مبيعات'].includes(key)) return 'manager';
  throw new RowRejected(
    'role',
    `unknown role "${text}": imports add reps and managers (never admins)`,
  );
}

/**
 * People: each row a member of the workspace (role rep unless the file says manager), with
 * their manager (made a manager when not yet a member) and their team (made when missing, led
 * by that manager). New people get a random password nobody knows; an admin resets it to let
 * them sign in.
 */
export function userImporter(run: ImportRun, members: MemberDirectory): KindImporter {
  const teams = new Map<string, Team>();
  let isLoaded = false;
  let queue: {
    row: ImportRow;
    name: string;
    email: string;
    role: ImportedRole;
    manager: string | null;
    team: string | null;
  }[] = [];

  const emailFor = (row: ImportRow, name: string, field: string): string => {
    const domain = run.options.userEmailDomain;
    const email = domain ? emailFromName(name, domain) : null;
    if (!email) {
      throw new RowRejected(
        field,
        `"${name}" has no email: add an email column or set "userEmailDomain"`,
      );
    }
    return email;
  };

  const ensurePerson = async (
    row: ImportRow,
    person: { name: string; email: string; role: ImportedRole },
  ): Promise<{ member: Member; isCreated: boolean; isRoleChanged: boolean }> => {
    const known = members.findByEmail(person.email);
    if (known) {
      const isRoleChanged =
        known.role !== person.role &&
        known.role !== 'admin' &&
        (person.role === 'manager' || row.has('role'));
      if (isRoleChanged) {
        known.role = person.role;
        await setMemberTeamAndRole(run.db, run.workspace.id, known.id, { role: person.role });
      }
      return { member: known, isCreated: false, isRoleChanged };
    }
    const user = await addUserToWorkspace(
      run.db,
      run.workspace.id,
      {
        email: person.email,
        name: person.name,
        password: randomBytes(24).toString('base64url'),
        role: person.role,
      },
      run.now,
    );
    const member: Member = {
      id: user.id,
      email: user.email,
      name: person.name,
      role: person.role,
      teamId: null,
    };
    members.add(member);
    return { member, isCreated: true, isRoleChanged: false };
  };

  const ensureTeam = async (name: string, managerId: string | null): Promise<Team> => {
    if (!isLoaded) {
      for (const t of await listTeamsByName(run.db, run.workspace.id)) {
        teams.set(nameMatchKey(t.name), { id: t.id, name: t.name, managerId: t.manager_user_id });
      }
      isLoaded = true;
    }
    let team = teams.get(nameMatchKey(name));
    if (!team) {
      team = { id: run.newId(), name, managerId };
      teams.set(nameMatchKey(name), team);
      run.report.alsoCreated('teams');
      await insertTeamRow(run.db, {
        id: team.id,
        workspace_id: run.workspace.id,
        name,
        manager_user_id: managerId,
        created_at: run.now,
      });
    } else if (managerId && team.managerId === null) {
      team.managerId = managerId;
      await setTeamManager(run.db, run.workspace.id, team.id, managerId);
    }
    return team;
  };

  const assignTeam = async (member: Member, team: Team): Promise<boolean> => {
    if (member.teamId === team.id) return false;
    member.teamId = team.id;
    await setMemberTeamAndRole(run.db, run.workspace.id, member.id, { team_id: team.id });
    return true;
  };

  return {
    accept(row) {
      const nameText = row.get('name');
      const emailText = row.get('email')?.toLowerCase() ?? null;
      if (emailText !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(emailText)) {
        throw new RowRejected('email', `not an email address: "${emailText}"`);
      }
      const name = nameText ?? emailText?.split('@')[0] ?? null;
      if (name === null) throw new RowRejected('name', 'the person has no name and no email');
      const manager = row.get('manager');
      queue.push({
        row,
        name,
        // Without an email, a member of that name is that member, not a new person.
        email: emailText ?? members.find(name, 'name')?.email ?? emailFor(row, name, 'name'),
        role: roleOf(row),
        manager,
        team: row.get('team'),
      });
      if (
        manager !== null &&
        !manager.includes('@') &&
        members.find(manager, 'manager') === undefined
      ) {
        emailFor(row, manager, 'manager');
      }
    },
    async flush() {
      const batch = queue;
      queue = [];
      for (const draft of batch) {
        let managerId: string | null = null;
        let managerMember: Member | null = null;
        if (draft.manager !== null) {
          const known = members.find(draft.manager, 'manager');
          const manager = await ensurePerson(draft.row, {
            name: draft.manager,
            // A manager named by email (an earlier row of the file, often) is that person.
            email:
              known?.email ??
              (draft.manager.includes('@')
                ? draft.manager
                : emailFor(draft.row, draft.manager, 'manager')),
            role: 'manager',
          });
          if (manager.isCreated) run.report.alsoCreated('managers');
          managerId = manager.member.id;
          managerMember = manager.member;
        }
        const person = await ensurePerson(draft.row, draft);
        let isChanged = person.isRoleChanged;
        const teamName = draft.team ?? (draft.manager !== null ? `${draft.manager}’s team` : null);
        if (teamName !== null) {
          const team = await ensureTeam(teamName, managerId);
          if (await assignTeam(person.member, team)) isChanged = true;
          if (managerMember && team.managerId === managerMember.id) {
            await assignTeam(managerMember, team);
          }
        }
        const counts = run.report.report.rows;
        if (person.isCreated) counts.created += 1;
        else counts[isChanged ? 'updated' : 'skipped'] += 1;
      }
    },
  };
}
