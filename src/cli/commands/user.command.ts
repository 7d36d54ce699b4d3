import type { Command } from 'commander';
import { ROLES, type Role } from '../../domain/permissions.js';
import { addUserToWorkspace } from '../../services/access/user.service.js';
import { resolveCliWorkspace } from '../../services/access/workspace.service.js';
import { CliError } from '../cli-error.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../open-database.js';
import { readSecret } from '../read-secret.js';

interface UserAddOptions {
  email: string;
  name?: string;
  admin?: boolean;
  role?: string;
  passwordStdin?: boolean;
  workspace?: string;
}

export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('Manage people');
  user
    .command('add')
    .description('Add a person to the workspace (on an empty database, creates the workspace)')
    .requiredOption('--email <email>', 'sign-in email')
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .option('--admin', 'make this person an admin')
    .option('--role <role>', `role: ${ROLES.join(', ')} (default: rep, or admin with --admin)`)
    .option('--password-stdin', 'read the password from standard input instead of a prompt')
    .option('--workspace <id-or-name>', 'the workspace, when there are several')
    .action(async (options: UserAddOptions) => {
      const role = (options.admin ? 'admin' : (options.role ?? 'rep')) as Role;
      if (!ROLES.includes(role))
        throw new CliError(`Unknown role "${role}"; use ${ROLES.join(', ')}`, 2);
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(options.email)) {
        throw new CliError(`Not an email address: ${options.email}`, 2);
      }
      const password = await readSecret('Password: ', Boolean(options.passwordStdin));
      const db = await openDatabase(loadConfig());
      try {
        const now = Date.now();
        const workspace = await resolveCliWorkspace(db, options.workspace, now);
        const added = await addUserToWorkspace(
          db,
          workspace.id,
          {
            email: options.email,
            name: options.name ?? options.email.split('@')[0] ?? options.email,
            password,
            role,
          },
          now,
        );
        console.log(
          `Added ${added.email} as ${added.role} of workspace "${workspace.name}" (${workspace.id})`,
        );
      } finally {
        await db.destroy();
      }
    });
}
