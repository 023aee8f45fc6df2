#!/usr/bin/env node
import { runCli } from "./cli/run.js"

/** oxd-conformance: `node dist/cli.js --help`. */
const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
}).catch((e: unknown) => {
  process.stderr.write(`oxd-conformance: unexpected ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  return 1
})
process.exitCode = code
// a connection a scenario left behind (a WebSocket reconnecting…) must not keep the process alive
setTimeout(() => process.exit(code), 2000).unref()
