#!/usr/bin/env node
// The `mpdesk` command line. It runs the TypeScript sources through tsx, so `npx mpdesk` works
// straight after `npm install` without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
