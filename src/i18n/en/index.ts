/** The English catalogue, one area per file: each area's owner edits only its file. */
import { cli } from './cli.js';
import { common } from './common.js';
import { help } from './help.js';
import { tools } from './tools.js';
import { readiness } from './readiness.js';
import { reasons } from './reasons.js';
import { kivra } from './kivra.js';
import { select } from './select.js';
import { send } from './send.js';
import { data } from './data.js';
import { importMessages } from './import.js';
import { sync } from './sync.js';
import { log } from './log.js';
import { audit } from './audit.js';
import { employees } from './employees.js';
import { payruns } from './payruns.js';
import { companies } from './companies.js';
import { session } from './session.js';
import { doctor } from './doctor.js';
import { activate } from './activate.js';
import { wizard } from './wizard.js';
import { users } from './users.js';

export const en = {
  common,
  cli,
  readiness,
  reasons,
  kivra,
  select,
  send,
  help,
  tools,
  data,
  import: importMessages,
  sync,
  log,
  audit,
  employees,
  payruns,
  companies,
  session,
  doctor,
  activate,
  wizard,
  users,
};
