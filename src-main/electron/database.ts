/**
 * Opens the database at start. When it cannot be used (DatabaseOpenError: not SQLite, damaged, newer than this
 * version, a failed migration), the user is told why in a dialog and offered what fits: restore the latest
 * automatic backup, choose another file, or quit. Nothing is deleted: a replaced file is kept beside it.
 */
import path from 'node:path';
import { dialog } from 'electron';
import { DatabaseOpenError, openDatabase, type Db } from '../core/store/db';
import { latestBackup, recoveryChoices, restoreBackup, type RecoveryChoice } from './backups';

const LABELS: Record<RecoveryChoice, string> = {
  restore: 'Restore latest backup',
  choose: 'Choose another file…',
  quit: 'Quit',
};

/** Opens `file`, asking the user how to recover when it cannot be opened. Null means the user chose to quit. */
export async function openDatabaseWithRecovery(file: string): Promise<{ db: Db; file: string } | null> {
  let current = file;
  for (;;) {
    try {
      return { db: openDatabase(current), file: current };
    } catch (err) {
      if (!(err instanceof DatabaseOpenError)) throw err;
      const backup = latestBackup(current);
      const choices = recoveryChoices(err.code, backup !== null);
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: 'Greenlight',
        message: 'Greenlight cannot open its database.',
        detail: backup ? `${err.message}\n\nLatest backup: ${path.basename(backup)}` : err.message,
        buttons: choices.map((c) => LABELS[c]),
        defaultId: 0,
        cancelId: choices.indexOf('quit'),
        noLink: true,
      });
      const choice = choices[response] ?? 'quit';
      if (choice === 'quit') return null;
      if (choice === 'restore' && backup) {
        const keptAs = restoreBackup(backup, current);
        if (keptAs) console.warn(`Restored ${backup}; the file that could not be opened is kept as ${keptAs}.`);
        continue;
      }
      const picked = await dialog.showOpenDialog({
        title: 'Choose a Greenlight database',
        defaultPath: path.dirname(current),
        properties: ['openFile', 'promptToCreate', 'createDirectory'],
        filters: [{ name: 'Greenlight database', extensions: ['sqlite', 'db'] }],
      });
      if (!picked.canceled && picked.filePaths[0]) current = picked.filePaths[0];
    }
  }
}
