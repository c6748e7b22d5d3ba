/** The English catalogue, one area per file: each area's owner edits only its file. */
import { cli } from './cli.js';
import { common } from './common.js';
import { readiness } from './readiness.js';
import { session } from './session.js';
import { doctor } from './doctor.js';
import { activate } from './activate.js';
import { wizard } from './wizard.js';
import { users } from './users.js';

export const en = {
  common,
  cli,
  readiness,
  session,
  doctor,
  activate,
  wizard,
  users,
};
