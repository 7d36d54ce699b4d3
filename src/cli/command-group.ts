import type { Command } from 'commander';

/**
 * The command `name` of the program, created as a group when no module registered it yet.
 * Several modules add subcommands to one verb: `qanat export deals …` and
 * `qanat export workspace …`, or an `import <kind> <file>` command that also has a
 * `workspace` subcommand (commander runs a matching subcommand, else the command's own action).
 */
export function commandGroup(program: Command, name: string, description: string): Command {
  return (
    program.commands.find((command) => command.name() === name) ??
    program.command(name).description(description)
  );
}
