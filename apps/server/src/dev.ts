import { join } from "node:path"
import { ConfigError, configHelp, loadConfig, makeOxd } from "@oxd/core"
import { resolveFromCwd, stopOnSignals } from "@oxd/node"
import { headlessLogin, startTestOp } from "@oxd/test-op"
import { startAll } from "./startAll.js"

const usage = `oxd-dev — oxd-ts together with the bundled test OpenID Provider, for trying things out

Usage: oxd-dev [--demo] [--op-port 9443] [server options]

  --demo        run a whole login through the server (headless) and print every step, then keep running
  --op-port N   port of the test OP (default 9443)
Server options as for oxd-server (default_op_host and trusted_ca_file are set to the test OP's, and its origin is
added to allowed_op_hosts):
${configHelp()}
`

const argv = process.argv.slice(2)
if (argv.includes("--help") || argv.includes("-h")) {
  process.stdout.write(usage)
  process.exit(0)
}
const demo = argv.includes("--demo")
const opPortAt = argv.indexOf("--op-port")
const opPort = opPortAt >= 0 ? Number(argv[opPortAt + 1]) : 9443
const serverArgs = argv.filter((a, i) => a !== "--demo" && (opPortAt < 0 || (i !== opPortAt && i !== opPortAt + 1)))
const cwd = process.env["INIT_CWD"] ?? process.cwd()

try {
  const op = await startTestOp({ port: opPort, stateDir: join(cwd, ".oxd/test-op") })
  // logs for people here (the server programs default to JSON lines); --log-format or OXD_LOG_FORMAT still win
  const loaded = loadConfig({ argv: serverArgs, env: { OXD_LOG_FORMAT: "pretty", ...process.env }, overrides: {} })
  const config = resolveFromCwd(
    {
      ...loaded,
      database_url: process.env["OXD_DATABASE_URL"] ? loaded.database_url : "file:.oxd/dev.db",
      default_op_host: op.issuer,
      trusted_ca_file: op.caFile,
      // the test OP is on loopback, which the server refuses unless its origin is listed
      allowed_op_hosts: [...loaded.allowed_op_hosts, new URL(op.issuer).origin],
    },
    cwd,
  )
  const oxd = makeOxd(config)
  await oxd.ready()
  const running = await startAll(oxd, config)
  const users = op.users.map((u) => `${u.username} / ${u.password}`).join(", ")
  process.stdout.write(`
oxd-ts dev setup is running.
  test OP        ${op.issuer}   (CA: ${op.caFile}; users: ${users})
  oxd TCP        ${config.bind_address}:${running.tcp.port}
  oxd REST       ${running.rest ? `${running.rest.url}   (docs ${running.rest.url}/docs)` : "off"}
  oxd WebSocket  ${running.ws?.url ?? "off"}
  database       ${config.database_url}

Try a login (in another terminal, from the repository root):
  1. pnpm oxd-call register_site '{"authorization_redirect_uri":"https://client.example.org/cb"}'
  2. pnpm oxd-call get_authorization_url '{"oxd_id":"<oxd_id from 1>"}'
  3. open the authorization_url in a browser (trust ${op.caFile} or accept the warning), log in as alice / alice-password;
     the browser lands on https://client.example.org/cb?code=…&state=… (that page need not exist): copy code and state
  4. pnpm oxd-call get_tokens_by_code '{"oxd_id":"<oxd_id>","code":"<code>","state":"<state>"}'
Or run this command with --demo to watch all of it done for you. Ctrl-C stops everything.
`)
  if (demo) {
    const call = async (command: string, params: Record<string, unknown>) => {
      const reply = await oxd.dispatch(command, params, { transport: "internal" })
      process.stdout.write(`\n> ${command} ${JSON.stringify(params)}\n${JSON.stringify(reply.envelope, null, 2)}\n`)
      if (reply.envelope.status !== "ok") throw new Error(`${command} failed`)
      return reply.envelope.data as Record<string, unknown>
    }
    const { oxd_id } = await call("register_site", {
      authorization_redirect_uri: "https://client.example.org/cb",
      scope: ["openid", "profile", "email"],
    })
    const { authorization_url } = await call("get_authorization_url", { oxd_id })
    const login = await headlessLogin(String(authorization_url), { ca: op.caPem })
    process.stdout.write(`\n(the test user alice logged in; the OP redirected to ${login.redirectUrl})\n`)
    const tokens = await call("get_tokens_by_code", { oxd_id, code: login.code, state: login.state })
    await call("get_user_info", { oxd_id, access_token: tokens["access_token"] })
    await call("get_logout_uri", { oxd_id })
    process.stdout.write("\nThe demo login worked. The servers keep running; Ctrl-C stops them.\n")
  }
  stopOnSignals(
    async () => {
      oxd.drain()
      await running.close()
      await oxd.dispose()
      await op.close()
    },
    (m) => oxd.log("info", m),
  )
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\nRun with --help to see every option.\n`)
    process.exit(2)
  }
  throw e
}
