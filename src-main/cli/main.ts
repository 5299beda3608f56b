import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands';

/**
 * The `greenlight` command. Each command lives in cli/commands/<name>.ts and is registered in
 * cli/commands/index.ts; this file only builds the program and turns errors into one clear line.
 * Returns the exit code.
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('greenlight')
    .description('Greenlight: forecast a film before it is made, from the command line.')
    .showHelpAfterError('(run with --help for usage and examples)')
    .exitOverride();
  registerCommands(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit through here with code 0.
      return err.exitCode;
    }
    process.stderr.write(`greenlight: ${(err as Error).message}\n`);
    return 1;
  }
}
