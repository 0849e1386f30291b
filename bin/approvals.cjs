#!/usr/bin/env node
// The `approvals` command: runs the TypeScript CLI through tsx's require hook, so the
// installed bin needs no separate build step.
require('tsx/cjs');
require('../cli/main.ts');
