import { ConfigError, loadConfig } from "@oxd/core"
import type { CheckResult } from "./doctor/check.js"
import { runDoctor } from "./doctor/runDoctor.js"
import { resolveFromCwd } from "./runServerCli.js"

export const doctorUsage = (program: string) => `${program} doctor — checks a setup and says what to fix

Usage: ${program} doctor [--json] [--config file.json] [options]

Reads the configuration as the server does (flags > environment OXD_* > --config file > defaults; every server
option is accepted) and checks: the store (opens, migrations current, SQLite file permissions), the REST/WebSocket
certificates (key matches, expiry), the ports (free), and each OP in use (default_op_host and the OPs of stored
sites): TLS trust with trusted_ca_file, discovery, clock skew, registration open, grant types and scopes, UMA 2,
and a protection token for its setup client. One line per check; exit 0 when nothing failed, 1 otherwise.

  --json   one JSON object {"ok", "checks": [{id, target?, status, message, fix?}]} instead of lines
  --help   this text
`

const MARK = { ok: "ok  ", warn: "WARN", fail: "FAIL", skip: "skip" } as const
const COLOR = { ok: "\x1b[32m", warn: "\x1b[33m", fail: "\x1b[31m", skip: "\x1b[2m" } as const

/** One line: status, check, target, message, and what to do. */
export const formatCheck = (r: CheckResult, color: boolean) => {
  const mark = color ? `${COLOR[r.status]}${MARK[r.status]}\x1b[0m` : MARK[r.status]
  const target = r.target ? ` ${r.target}` : ""
  return `${mark} ${r.id}${target}: ${r.message}${r.fix ? ` → ${r.fix}` : ""}`
}

/** `<program> doctor`: returns the exit code. */
export const runDoctorCli = async (
  program: string,
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>>,
  out: { write(text: string): unknown; readonly isTTY?: boolean } = process.stdout,
): Promise<number> => {
  if (argv.includes("--help") || argv.includes("-h")) {
    out.write(doctorUsage(program))
    return 0
  }
  const json = argv.includes("--json")
  const tty = !json && out.isTTY === true && env["NO_COLOR"] === undefined
  const results: CheckResult[] = []
  const emit = (r: CheckResult) => {
    results.push(r)
    if (json) return
    if (tty) out.write("\r\x1b[K")
    out.write(`${formatCheck(r, tty)}\n`)
  }
  try {
    const config = resolveFromCwd(
      loadConfig({ argv: argv.filter((a) => a !== "--json"), env }),
      env["INIT_CWD"] ?? process.cwd(),
    )
    emit({
      id: "config",
      status: "ok",
      message: `loaded (database ${config.database_url.replace(/\/\/[^@/]*@/, "//***@")})`,
    })
    for await (const r of runDoctor(config, (step) => tty && out.write(`\r\x1b[K… checking ${step}`))) emit(r)
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    emit({ id: "config", status: "fail", message: e.message, fix: `run ${program} --help to see every option` })
  }
  const failed = results.filter((r) => r.status === "fail").length
  const warned = results.filter((r) => r.status === "warn").length
  if (json) out.write(`${JSON.stringify({ ok: failed === 0, checks: results }, null, 2)}\n`)
  else {
    if (tty) out.write("\r\x1b[K")
    out.write(
      failed === 0
        ? `\nAll checks passed${warned ? ` (${warned} warning${warned > 1 ? "s" : ""})` : ""}.\n`
        : `\n${failed} check${failed > 1 ? "s" : ""} failed${warned ? `, ${warned} warning${warned > 1 ? "s" : ""}` : ""}.\n`,
    )
  }
  return failed === 0 ? 0 : 1
}
