/** The Swedish catalogue, one area per file: each area's owner edits only its file. */
import type { Catalogue } from '../catalogue.js';
import { cli } from './cli.js';
import { common } from './common.js';
import { readiness } from './readiness.js';
import { log } from './log.js';
import { audit } from './audit.js';
import { employees } from './employees.js';
import { payruns } from './payruns.js';
import { companies } from './companies.js';

export const sv: Catalogue = {
  common,
  cli,
  readiness,
  log,
  audit,
  employees,
  payruns,
  companies,
};
