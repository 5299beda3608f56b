import type { Command } from 'commander';
import { importCommand } from './import';
import { dataCommand } from './data';
import { predictCommand } from './predict';
import { scenariosCommand } from './scenarios';
import { scoreCommand } from './score';
import { serveCommand } from './serve';
import { reportCommand } from './report';
import { trainCommand, trainDefaultsCommand } from './train';
import { modelsCommand } from './models';

/** Adds every command to the program. One line per command module. */
export function registerCommands(program: Command): void {
  void program;
  program.addCommand(importCommand());
  program.addCommand(dataCommand());
  program.addCommand(predictCommand());
  program.addCommand(scenariosCommand());
  program.addCommand(scoreCommand());
  program.addCommand(serveCommand());
  program.addCommand(reportCommand());
  program.addCommand(trainCommand());
  program.addCommand(modelsCommand());
  program.addCommand(trainDefaultsCommand(), { hidden: true });
}
