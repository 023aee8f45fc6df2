import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { ConfigError, loadConfig, makeConfig, parseArgs } from "./loadConfig.js"

const dir = mkdtempSync(join(tmpdir(), "oxd-config-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let n = 0
const configFile = (content: unknown): string => {
  const file = join(dir, `config-${n++}.json`)
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content))
  return file
}

/** The ConfigError a load throws (fails the test when it loads). */
const configError = (f: () => unknown): ConfigError => {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return e as ConfigError
  }
  throw new Error("expected a ConfigError, the configuration loaded")
}

describe("loadConfig", () => {
  it("gives every key its documented default", () => {
    const c = loadConfig({})
    expect(c).toMatchObject({
      bind_address: "127.0.0.1",
      port: 8099,
      database_url: "file:.oxd/oxd.db",
      state_expiration_in_minutes: 5,
      protect_commands_with_access_token: false,
      protection_scope: ["oxd", "uma_protection"],
      op_timeout_in_seconds: 10,
      clock_skew_in_seconds: 60,
      log_level: "info",
      log_format: "json",
      metrics_enabled: true,
      admin_port: 0,
      admin_bind_address: "127.0.0.1",
      otlp_service_name: "oxd-ts",
      default_scope: ["openid", "profile", "email"],
      default_response_types: ["code"],
      default_grant_types: ["authorization_code", "refresh_token"],
      default_acr_values: [],
      default_application_type: "web",
    })
    expect(c.trusted_ca_file).toBeUndefined()
    expect(c.default_op_host).toBeUndefined()
    expect(c.otlp_endpoint).toBeUndefined()
  })

  it("layers defaults < config file < environment < flags", () => {
    const file = configFile({ port: 9001, log_level: "warn", bind_address: "0.0.0.0" })
    expect(loadConfig({ argv: ["--config", file] })).toMatchObject({
      port: 9001,
      log_level: "warn",
      bind_address: "0.0.0.0",
    })
    const withEnv = loadConfig({ argv: ["--config", file], env: { OXD_PORT: "9002" } })
    expect(withEnv).toMatchObject({ port: 9002, log_level: "warn" })
    const withFlag = loadConfig({ argv: ["--config", file, "--port", "9003"], env: { OXD_PORT: "9002" } })
    expect(withFlag).toMatchObject({ port: 9003, log_level: "warn", bind_address: "0.0.0.0" })
    expect(loadConfig({ argv: [`--port=9004`], env: { OXD_PORT: "9002" } }).port).toBe(9004)
  })

  it("reads the config file named by OXD_CONFIG", () => {
    const file = configFile({ op_timeout_in_seconds: 3 })
    expect(loadConfig({ env: { OXD_CONFIG: file } }).op_timeout_in_seconds).toBe(3)
  })

  it("ignores an empty environment variable", () => {
    expect(loadConfig({ env: { OXD_PORT: "" } }).port).toBe(8099)
  })

  it("reads a bool flag without a value as true, and with an explicit value", () => {
    expect(loadConfig({ argv: ["--protect-commands-with-access-token"] }).protect_commands_with_access_token).toBe(true)
    expect(loadConfig({ argv: ["--protect-commands-with-access-token", "--port", "1234"] })).toMatchObject({
      protect_commands_with_access_token: true,
      port: 1234,
    })
    expect(
      loadConfig({ argv: ["--protect-commands-with-access-token", "false"] }).protect_commands_with_access_token,
    ).toBe(false)
    expect(loadConfig({ argv: ["--protect-commands-with-access-token=no"] }).protect_commands_with_access_token).toBe(
      false,
    )
    expect(
      loadConfig({ env: { OXD_PROTECT_COMMANDS_WITH_ACCESS_TOKEN: "yes" } }).protect_commands_with_access_token,
    ).toBe(true)
  })

  it("rejects a bool that is not one, naming the key and the source", () => {
    const e = configError(() => loadConfig({ env: { OXD_PROTECT_COMMANDS_WITH_ACCESS_TOKEN: "maybe" } }))
    expect(e.message).toContain("OXD_PROTECT_COMMANDS_WITH_ACCESS_TOKEN")
    expect(e.message).toContain('"protect_commands_with_access_token" must be true or false')
  })

  it("splits list values from the environment on commas, trimming and dropping empties", () => {
    const c = loadConfig({
      env: { OXD_DEFAULT_SCOPE: "openid, profile,,uma_protection ", OXD_DEFAULT_ACR_VALUES: "basic" },
    })
    expect(c.default_scope).toEqual(["openid", "profile", "uma_protection"])
    expect(c.default_acr_values).toEqual(["basic"])
  })

  it("reads protection_scope as a list, and the one scope older configurations give as a string", () => {
    expect(loadConfig({ env: { OXD_PROTECTION_SCOPE: "uma_protection" } }).protection_scope).toEqual(["uma_protection"])
    expect(
      loadConfig({ argv: ["--config", configFile({ protection_scope: "uma_protection" })] }).protection_scope,
    ).toEqual(["uma_protection"])
    expect(loadConfig({ argv: ["--config", configFile({ protection_scope: ["oxd"] })] }).protection_scope).toEqual([
      "oxd",
    ])
    expect(() => loadConfig({ argv: ["--config", configFile({ protection_scope: [] })] })).toThrow(/protection_scope/)
  })

  it("takes list values from the config file as JSON arrays", () => {
    const file = configFile({ default_scope: ["openid", "email"] })
    expect(loadConfig({ argv: ["--config", file] }).default_scope).toEqual(["openid", "email"])
  })

  it("reads allowed_op_hosts (empty by default: any public OP) from the environment and flags", () => {
    expect(loadConfig({}).allowed_op_hosts).toEqual([])
    expect(
      loadConfig({
        env: { OXD_ALLOWED_OP_HOSTS: "https://op.example.com, https://*.example.org,https://127.0.0.1:9443" },
      }).allowed_op_hosts,
    ).toEqual(["https://op.example.com", "https://*.example.org", "https://127.0.0.1:9443"])
    expect(loadConfig({ argv: ["--allowed-op-hosts", "https://[::1]:9443"] }).allowed_op_hosts).toEqual([
      "https://[::1]:9443",
    ])
  })

  it("rejects an allowed_op_hosts entry that is not an https origin or wildcard host, naming the entry and the source", () => {
    const e = configError(() =>
      loadConfig({ env: { OXD_ALLOWED_OP_HOSTS: "https://op.example.com,http://idp.example.com" } }),
    )
    expect(e.message).toBe(
      'Invalid configuration for "allowed_op_hosts" (from OXD_ALLOWED_OP_HOSTS): entry "http://idp.example.com" must start with https:// (the OP is only ever called over HTTPS)',
    )
    const file = configFile({ allowed_op_hosts: ["https://op.example.com/oxauth"] })
    expect(configError(() => loadConfig({ argv: ["--config", file] })).message).toContain(
      'entry "https://op.example.com/oxauth" must be an origin',
    )
  })

  it("rejects OXD_PORT=abc, naming the key and the environment variable", () => {
    const e = configError(() => loadConfig({ env: { OXD_PORT: "abc" } }))
    expect(e.message).toContain("OXD_PORT")
    expect(e.message).toContain('"port" must be a whole number')
    expect(e.message).toContain('"abc"')
  })

  it("rejects --port 70000, naming the key and the flag", () => {
    const e = configError(() => loadConfig({ argv: ["--port", "70000"] }))
    expect(e.message).toContain('Invalid configuration for "port" (from --port)')
    expect(e.message).toContain("between 0 and 65535")
    expect(e.message).not.toContain("Cause(")
  })

  it("rejects an out-of-range value from the config file, naming the file", () => {
    const file = configFile({ port: -1 })
    const e = configError(() => loadConfig({ argv: ["--config", file] }))
    expect(e.message).toContain('"port"')
    expect(e.message).toContain(file)
  })

  it("rejects a log_level outside the list, naming the key", () => {
    const e = configError(() => loadConfig({ env: { OXD_LOG_LEVEL: "verbose" } }))
    expect(e.message).toContain('"log_level"')
    expect(e.message).toContain("OXD_LOG_LEVEL")
  })

  it("takes tls_min_version TLSv1.2 (default) or TLSv1.3 and rejects anything else, naming the key", () => {
    expect(loadConfig({}).tls_min_version).toBe("TLSv1.2")
    expect(loadConfig({ argv: ["--tls-min-version", "TLSv1.3"] }).tls_min_version).toBe("TLSv1.3")
    for (const bad of ["TLSv1.1", "TLSv1", "1.3", "tlsv1.3"]) {
      const e = configError(() => loadConfig({ env: { OXD_TLS_MIN_VERSION: bad } }))
      expect(e.message).toContain('Invalid configuration for "tls_min_version" (from OXD_TLS_MIN_VERSION)')
    }
  })

  it("takes rest_error_status reference (default: oxd-https-extension 3.1's HTTP 200 for oxd errors) or http, and rejects anything else", () => {
    expect(loadConfig({}).rest_error_status).toBe("reference")
    expect(loadConfig({ argv: ["--rest-error-status", "http"] }).rest_error_status).toBe("http")
    for (const bad of ["HTTP", "200", "strict"]) {
      const e = configError(() => loadConfig({ env: { OXD_REST_ERROR_STATUS: bad } }))
      expect(e.message).toContain('"rest_error_status"')
    }
  })

  it("rejects a fractional value for a whole-number key", () => {
    const e = configError(() => loadConfig({ argv: ["--op-timeout-in-seconds", "1.5"] }))
    expect(e.message).toContain('"op_timeout_in_seconds" must be a whole number')
  })

  it("rejects an unknown flag", () => {
    const e = configError(() => loadConfig({ argv: ["--no-such-option", "1"] }))
    expect(e.message).toContain("Unknown option --no-such-option")
  })

  it("rejects a flag without its value", () => {
    const e = configError(() => loadConfig({ argv: ["--port"] }))
    expect(e.message).toContain("--port needs a value")
  })

  it("rejects an unknown key in the config file", () => {
    const file = configFile({ port: 8100, prot: 1 })
    const e = configError(() => loadConfig({ argv: ["--config", file] }))
    expect(e.message).toContain('unknown key "prot"')
  })

  it("rejects a config file that is not a JSON object", () => {
    expect(configError(() => loadConfig({ argv: ["--config", configFile("[1,2]")] })).message).toContain(
      "must hold a JSON object",
    )
    expect(configError(() => loadConfig({ argv: ["--config", configFile("{not json")] })).message).toContain(
      "Cannot read config file",
    )
    expect(configError(() => loadConfig({ argv: ["--config", join(dir, "absent.json")] })).message).toContain(
      "Cannot read config file",
    )
  })

  it("accepts a fractional state_expiration_in_minutes from every source", () => {
    expect(loadConfig({ argv: ["--state-expiration-in-minutes", "0.5"] }).state_expiration_in_minutes).toBe(0.5)
    expect(loadConfig({ env: { OXD_STATE_EXPIRATION_IN_MINUTES: "2.25" } }).state_expiration_in_minutes).toBe(2.25)
    expect(
      loadConfig({ argv: ["--config", configFile({ state_expiration_in_minutes: 0.1 })] }).state_expiration_in_minutes,
    ).toBe(0.1)
  })

  it("rejects a state_expiration_in_minutes of zero or less", () => {
    const e = configError(() => loadConfig({ env: { OXD_STATE_EXPIRATION_IN_MINUTES: "0" } }))
    expect(e.message).toContain('"state_expiration_in_minutes"')
    expect(e.message).toContain("OXD_STATE_EXPIRATION_IN_MINUTES")
  })

  it("lets overrides win over flags, and names them as the source of an invalid value", () => {
    expect(loadConfig({ argv: ["--port", "1"], overrides: { port: 2 } }).port).toBe(2)
    const e = configError(() => makeConfig({ port: 70000 }))
    expect(e.message).toContain('Invalid configuration for "port" (from overrides)')
  })
})

describe("parseArgs", () => {
  it("recognises --help and --config", () => {
    expect(parseArgs(["--help"]).help).toBe(true)
    expect(parseArgs(["-h"]).help).toBe(true)
    expect(parseArgs(["--config=/x.json"]).configFile).toBe("/x.json")
    expect(parseArgs(["--config", "/y.json", "--port", "5"])).toMatchObject({
      configFile: "/y.json",
      values: { port: "5" },
    })
  })
})
