import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, resolve } from "node:path"
import type { Readable, Writable } from "node:stream"
import { describeError, UsageError } from "../errors.js"
import { formLogin } from "../drivers/formLogin.js"
import { manualLogin } from "../drivers/manualLogin.js"
import { connectOp, OpUnavailable } from "../drivers/op.js"
import { progressLine, report, summaryLine } from "../reporters/index.js"
import type { OpDriver } from "../scenario.js"
import { scenarios } from "../scenarios/index.js"
import { describeProfile, describeSource } from "../source.js"
import { runSuite, unknownSelectors } from "../suite.js"
import { HELP, parseCliArgs, type CliOptions } from "./args.js"

export interface CliIo {
  readonly stdout: Writable
  readonly stderr: Writable
  readonly stdin: Readable
  /** Relative --ca, --out and --op-state-dir paths are resolved from here. */
  readonly cwd: string
}

const listScenarios = () =>
  `${scenarios.map((s) => `${s.id}  [${s.tags.join(", ")}]\n    ${s.title}\n    checks: ${s.checks}\n    source: ${describeSource(s.source)}`).join("\n")}\n`

/** The bundled test OP started in this process, with the login the options ask for. */
const startBundledOp = async (opts: CliOptions, io: CliIo, say: (line: string) => void) => {
  const [{ startTestOp }, { testOpDriver }] = await Promise.all([
    import("@oxd/test-op"),
    import("../drivers/testOp.js"),
  ])
  const op = await startTestOp({ port: opts.opPort, stateDir: resolve(io.cwd, opts.opStateDir ?? ".oxd/test-op") })
  const base = testOpDriver(op)
  const manual = opts.login === "manual" ? manualLogin({ input: io.stdin, output: io.stderr }) : undefined
  const form = {
    username: opts.username,
    password: opts.password,
    usernameField: opts.usernameField,
    passwordField: opts.passwordField,
    ca: [op.caPem],
  }
  const driver: OpDriver = {
    ...base,
    login: manual ? manual.login : opts.login === "form" ? (url) => formLogin(url, form) : base.login,
  }
  say(
    [
      "No --op given: started the bundled test OP in this process.",
      `  issuer   ${op.issuer}`,
      `  CA file  ${op.caFile}`,
      "The server under test must trust that CA to reach the OP: start it with",
      `  --trusted-ca-file ${op.caFile}   (oxd-ts; or NODE_EXTRA_CA_CERTS=${op.caFile} for a Node-based server)`,
      `  --allowed-op-hosts ${new URL(op.issuer).origin}   (oxd-ts: the OP is on loopback, refused unless listed)`,
      "Scenarios send op_host with every registration, so the server needs no --default-op-host. The CA is kept in",
      "--op-state-dir across runs; fix the issuer with --op-port, or start the OP yourself (pnpm test-op) and pass --op.",
      "",
    ].join("\n"),
  )
  return {
    driver,
    close: async () => {
      manual?.close()
      await op.close()
    },
  }
}

/** The CLI: parses argv, runs the suite, writes the reports; the process exit code. */
export const runCli = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  let opts: CliOptions
  let ca: string[]
  try {
    opts = parseCliArgs(argv)
    if (opts.help) {
      io.stdout.write(HELP)
      return 0
    }
    if (opts.list) {
      io.stdout.write(listScenarios())
      return 0
    }
    const unknown = unknownSelectors([...opts.only, ...opts.skip])
    if (unknown.length)
      throw new UsageError(`no scenario id or tag ${unknown.map((u) => `"${u}"`).join(", ")} (see --list)`)
    ca = opts.caFiles.map((f) => {
      try {
        return readFileSync(resolve(io.cwd, f), "utf8")
      } catch (e) {
        throw new UsageError(`--ca ${f}: ${describeError(e)}`)
      }
    })
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    io.stderr.write(`oxd-conformance: ${e.message}\nRun oxd-conformance --help for the options.\n`)
    return 2
  }

  // progress and the summary go to stderr when stdout carries a machine-readable report
  const machineOnStdout = opts.reporters.some((r) => (r === "tap" || r === "json") && !opts.outs[r])
  const progress = machineOnStdout ? io.stderr : io.stdout
  const say = (line: string) => {
    progress.write(`${line}\n`)
  }

  let op: { driver: OpDriver; close(): Promise<void> | void }
  try {
    if (opts.op) {
      const connected = await connectOp(opts.op, {
        ca,
        ...(opts.login ? { login: opts.login } : {}),
        form: {
          username: opts.username,
          password: opts.password,
          usernameField: opts.usernameField,
          passwordField: opts.passwordField,
        },
        manual: { input: io.stdin, output: io.stderr },
      })
      const management =
        connected.clientManagement === undefined
          ? ""
          : `; RFC 7592 client management ${connected.clientManagement ? "offered" : "not offered (update_site scenarios are skipped)"}`
      say(
        `OP ${connected.driver.issuer}: control API ${connected.admin ? "found (ID-token faults, key rotation, UMA policies)" : "absent (scenarios driving the OP are skipped)"}; UMA 2 ${connected.uma ? "offered" : "not offered"}${management}; login: ${connected.login}`,
      )
      op = connected
    } else {
      op = await startBundledOp(opts, io, say)
    }
  } catch (e) {
    io.stderr.write(
      `oxd-conformance: ${e instanceof OpUnavailable ? e.message : `the OP could not be set up: ${describeError(e)}`}\n`,
    )
    return 1
  }

  try {
    say(describeProfile(opts.profile))
    const result = await runSuite({
      profile: opts.profile,
      mustAnswer: opts.named,
      transports: opts.transports,
      targets: opts.targets,
      op: op.driver,
      ca,
      protect: opts.protect,
      only: opts.only,
      skip: opts.skip,
      timeout: opts.timeout,
      ...(opts.authMethod ? { authMethod: opts.authMethod } : {}),
      user: { username: opts.username, password: opts.password },
      onProgress: (e) => {
        const line = progressLine(e)
        if (line !== undefined) say(line)
      },
    })
    for (const r of opts.reporters) {
      const text = report(r, result)
      const out = opts.outs[r]
      if (out) {
        const file = resolve(io.cwd, out)
        mkdirSync(dirname(file), { recursive: true })
        writeFileSync(file, text)
        say(`${r} report written to ${file}`)
      } else if (r === "table") {
        progress.write(`\n${text}`)
      } else {
        io.stdout.write(text)
      }
    }
    if (result.passed + result.failed === 0)
      say("Nothing was checked: every scenario was skipped (see the reasons above).")
    say(summaryLine(result))
    return result.failed > 0 || result.passed === 0 ? 1 : 0
  } finally {
    await op.close()
  }
}
