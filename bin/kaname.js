#!/usr/bin/env node
// The `kaname` command. Runs on the project's pinned Node 24 (npm puts node_modules/.bin first on PATH),
// which executes the TypeScript sources directly by stripping types.
import '../src/cli/kaname.ts'
