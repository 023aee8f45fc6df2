import { readFileSync } from "node:fs"
import { Schema } from "effect"
import { configKeys, type KeySpec } from "./keys.js"
import { ConfigSchema, type Config } from "./OxdConfig.js"
import { parseAllowedOpHosts } from "../services/opHosts/allowedOpHosts.js"
import { secretKeyProblem } from "../store/secretCipher.js"

export class ConfigError extends Error {
  override readonly name = "ConfigError"
}

const envName = (key: string) => `OXD_${key.toUpperCase()}`
const flagName = (key: string) => `--${key.replaceAll("_", "-")}`

const coerce = (spec: KeySpec, raw: unknown, source: string): unknown => {
  if (typeof raw !== "string") return raw
  switch (spec.type) {
    case "int": {
      if (!/^-?\d+$/.test(raw.trim()))
        throw new ConfigError(`${source}: "${spec.name}" must be a whole number, got "${raw}"`)
      return Number(raw)
    }
    case "number": {
      const n = Number(raw.trim())
      if (raw.trim() === "" || !Number.isFinite(n))
        throw new ConfigError(`${source}: "${spec.name}" must be a number, got "${raw}"`)
      return n
    }
    case "bool": {
      const v = raw.trim().toLowerCase()
      if (["true", "1", "yes", "on"].includes(v)) return true
      if (["false", "0", "no", "off"].includes(v)) return false
      throw new ConfigError(`${source}: "${spec.name}" must be true or false, got "${raw}"`)
    }
    case "list":
      return raw
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
    default:
      return raw
  }
}

/** Flags the loader itself understands, besides one per key. */
export interface ParsedArgs {
  readonly values: Record<string, string>
  readonly configFile: string | undefined
  readonly help: boolean
}

export const parseArgs = (argv: ReadonlyArray<string>): ParsedArgs => {
  const values: Record<string, string> = {}
  let configFile: string | undefined
  let help = false
  const byFlag = new Map<string, KeySpec>(configKeys.map((k) => [flagName(k.name), k]))
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === "--help" || arg === "-h") {
      help = true
      continue
    }
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined]
    const value = inline ?? argv[i + 1]
    if (flag === "--config") {
      if (value === undefined) throw new ConfigError(`--config needs a file path`)
      configFile = value
      if (inline === undefined) i++
      continue
    }
    const spec = byFlag.get(flag)
    if (!spec) throw new ConfigError(`Unknown option ${flag}. Run with --help to see the options.`)
    if (spec.type === "bool" && inline === undefined && (value === undefined || value.startsWith("--"))) {
      values[spec.name] = "true"
      continue
    }
    if (value === undefined) throw new ConfigError(`${flag} needs a value`)
    values[spec.name] = value
    if (inline === undefined) i++
  }
  return { values, configFile, help }
}

/**
 * Defaults < config file (JSON) < environment (OXD_*) < flags. Every value is validated; an error names
 * the key and the source it came from.
 */
export const loadConfig = (opts: {
  readonly argv?: ReadonlyArray<string>
  readonly env?: Readonly<Record<string, string | undefined>>
  readonly overrides?: Partial<Config>
}): Config => {
  const args = parseArgs(opts.argv ?? [])
  const env = opts.env ?? {}
  const merged: Record<string, unknown> = {}
  const sourceOf: Record<string, string> = {}
  for (const spec of configKeys) {
    if (spec.default !== undefined) {
      merged[spec.name] = spec.default
      sourceOf[spec.name] = "default"
    }
  }
  const file = args.configFile ?? env["OXD_CONFIG"]
  if (file) {
    let parsed: unknown
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"))
    } catch (e) {
      throw new ConfigError(`Cannot read config file ${file}: ${(e as Error).message}`)
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError(`Config file ${file} must hold a JSON object`)
    }
    const known = new Set<string>(configKeys.map((k) => k.name))
    for (const [k, v] of Object.entries(parsed)) {
      if (!known.has(k)) throw new ConfigError(`Config file ${file}: unknown key "${k}"`)
      const spec = configKeys.find((s) => s.name === k)!
      merged[k] = coerce(spec, v, `config file ${file}`)
      sourceOf[k] = `config file ${file}`
    }
  }
  for (const spec of configKeys) {
    const v = env[envName(spec.name)]
    if (v !== undefined && v !== "") {
      merged[spec.name] = coerce(spec, v, envName(spec.name))
      sourceOf[spec.name] = envName(spec.name)
    }
  }
  for (const [k, v] of Object.entries(args.values)) {
    const spec = configKeys.find((s) => s.name === k)!
    merged[k] = coerce(spec, v, flagName(k))
    sourceOf[k] = flagName(k)
  }
  for (const [k, v] of Object.entries(opts.overrides ?? {})) {
    merged[k] = v
    sourceOf[k] = "overrides"
  }
  let config: Config
  try {
    config = Schema.decodeUnknownSync(ConfigSchema)(merged)
  } catch (e) {
    // the schema's own message: "Expected …, got …" then the path of the key
    const text = e instanceof Error ? e.message : String(e)
    const key = /at \["([^"]+)"\]/.exec(text)?.[1]
    const where = key ? ` (from ${sourceOf[key] ?? "default"})` : ""
    const what =
      text
        .split("\n")
        .find((l) => l.trim())
        ?.trim() ?? ""
    throw new ConfigError(`Invalid configuration${key ? ` for "${key}"` : ""}${where}: ${what}`)
  }
  // checked here, not in the schema: a schema message would quote the value, and this one is a secret
  const keyProblem =
    config.secrets_encryption_key === undefined ? undefined : secretKeyProblem(config.secrets_encryption_key)
  if (keyProblem)
    throw new ConfigError(
      `Invalid configuration for "secrets_encryption_key" (from ${sourceOf["secrets_encryption_key"] ?? "default"}): it ${keyProblem}`,
    )
  try {
    parseAllowedOpHosts(config.allowed_op_hosts)
  } catch (e) {
    throw new ConfigError(
      `Invalid configuration for "allowed_op_hosts" (from ${sourceOf["allowed_op_hosts"] ?? "default"}): ${(e as Error).message}`,
    )
  }
  return config
}

/** A complete config from defaults plus overrides, for tests and embedding. */
export const makeConfig = (overrides: Partial<Config> = {}): Config => loadConfig({ overrides })

export const configHelp = (): string =>
  configKeys
    .map((k) => {
      const d =
        k.default === undefined
          ? ""
          : ` (default: ${Array.isArray(k.default) ? k.default.join(",") : String(k.default)})`
      return `  ${flagName(k.name).padEnd(40)} ${k.doc}${d}\n  ${"".padEnd(40)} env ${envName(k.name)}`
    })
    .join("\n")
