#!/usr/bin/env node
// A small shim so `bin` stays stable while the code lives in dist/ (built by `npm run build`,
// which `npm ci` runs through the `prepare` script).
import { main } from '../dist/cli.js';

main(process.argv);
