/** The English catalogue, one area per file: each area's owner edits only its file. */
import { cli } from './cli.js';
import { common } from './common.js';
import { help } from './help.js';
import { tools } from './tools.js';
import { readiness } from './readiness.js';

export const en = {
  common,
  cli,
  readiness,
  help,
  tools,
};
