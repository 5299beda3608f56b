/**
 * Every migration, in order. A migration is a numbered file `NNN-name.ts` exporting `name` and `up` (SQL).
 * Add new ones at the end with the next number; never edit one that has shipped.
 */
import * as m001 from './001-initial';
import * as m002 from './002-bronze-rowid';
import * as m003 from './003-drop-list-name-indexes';
import * as m004 from './004-film-lists-as-json';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const migrations: Migration[] = [
  { version: 1, name: m001.name, up: m001.up },
  { version: 2, name: m002.name, up: m002.up },
  { version: 3, name: m003.name, up: m003.up },
  { version: 4, name: m004.name, up: m004.up },
];
