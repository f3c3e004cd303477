#!/usr/bin/env node
// Runs the compiled command line (npm ci builds it through the "prepare" script).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
