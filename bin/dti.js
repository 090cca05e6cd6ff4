#!/usr/bin/env node
// The `dti` command: runs the TypeScript CLI through tsx (a runtime dependency), so `npx dti` works right after `npm ci`.
require("tsx/cjs");
require("../src/cli/main.ts");
