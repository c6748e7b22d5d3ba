/** The Swedish catalogue, one area per file: each area's owner edits only its file. */
import type { Catalogue } from '../catalogue.js';
import { cli } from './cli.js';
import { common } from './common.js';
import { readiness } from './readiness.js';
import { session } from './session.js';
import { doctor } from './doctor.js';

export const sv: Catalogue = {
  common,
  cli,
  readiness,
  session,
  doctor,
};
