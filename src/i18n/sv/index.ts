/** The Swedish catalogue, one area per file: each area's owner edits only its file. */
import type { Catalogue } from '../catalogue.js';
import { cli } from './cli.js';
import { common } from './common.js';
import { readiness } from './readiness.js';
import { reasons } from './reasons.js';
import { kivra } from './kivra.js';
import { select } from './select.js';
import { send } from './send.js';

export const sv: Catalogue = {
  common,
  cli,
  readiness,
  reasons,
  kivra,
  select,
  send,
};
