import type { Command } from 'commander';
import { reportCommand } from './report';

/** Adds every command to the program. One line per command module. */
export function registerCommands(program: Command): void {
  void program;
  program.addCommand(reportCommand());
}
