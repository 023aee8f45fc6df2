#!/usr/bin/env node
// Committed shim so pnpm can link the bin before dist/ is built; the CLI lives in dist/main.js.
import "../dist/main.js"
