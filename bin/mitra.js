#!/usr/bin/env node
// The `mitra` command. TypeScript runs directly through tsx, so there is no separate build of the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
