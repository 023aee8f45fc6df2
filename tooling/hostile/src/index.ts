/**
 * Hostile input for oxd-ts: a corpus of cases per transport, kept as data files in ../corpus/{tcp,http,ws}, and
 * generators that derive cases from the command registry (every param of every command given wrong types,
 * injection-shaped strings and prototype-pollution keys). Every edge's hostile.test.ts runs all of it.
 */
import { readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

// ---------------------------------------------------------------------------------------------------------------
// Bytes, as the corpus describes them

/** A piece of what a case sends. */
export type Part =
  | { readonly text: string }
  | { readonly hex: string }
  /** JSON.stringify(json): framed on TCP, the message on WebSocket, the body over HTTP */
  | { readonly json: unknown }
  /** TCP: this UTF-8 text behind its 4-digit byte length */
  | { readonly frame: string }
  /** TCP: these bytes behind their 4-digit length */
  | { readonly frameHex: string }
  /** prefix + repeat × times + suffix (big payloads without big files); a TCP frame when `framed` */
  | {
      readonly repeat: string
      readonly times: number
      readonly prefix?: string
      readonly suffix?: string
      readonly framed?: boolean
    }

export const lengthPrefix = (n: number) => Buffer.from(String(n).padStart(4, "0"), "ascii")
const framed = (body: Buffer) => Buffer.concat([lengthPrefix(body.length), body])

/** The bytes of one part; `frameJson`: JSON parts are TCP frames. */
export const partBytes = (p: Part, opts: { readonly frameJson?: boolean } = {}): Buffer => {
  if ("repeat" in p) {
    const body = Buffer.from(`${p.prefix ?? ""}${p.repeat.repeat(p.times)}${p.suffix ?? ""}`, "utf8")
    return p.framed ? framed(body) : body
  }
  if ("text" in p) return Buffer.from(p.text, "utf8")
  if ("hex" in p) return Buffer.from(p.hex.replace(/\s+/g, ""), "hex")
  if ("json" in p) {
    const body = Buffer.from(JSON.stringify(p.json), "utf8")
    return opts.frameJson ? framed(body) : body
  }
  if ("frame" in p) return framed(Buffer.from(p.frame, "utf8"))
  return framed(Buffer.from(p.frameHex.replace(/\s+/g, ""), "hex"))
}
export const bytesOf = (parts: ReadonlyArray<Part>, opts: { readonly frameJson?: boolean } = {}) =>
  Buffer.concat(parts.map((p) => partBytes(p, opts)))

// ---------------------------------------------------------------------------------------------------------------
// The corpus

/** TCP: bytes sent on one connection; `replies` are the oxd codes answered in order ("ok" for success). */
export interface TcpCase {
  readonly name: string
  readonly parts: ReadonlyArray<Part>
  /** whole (default): one write; parts: one write per part; bytewise: one byte per write; a number: writes of that size */
  readonly chunking?: "whole" | "parts" | "bytewise" | number
  /** pause between writes (ms) */
  readonly gapMs?: number
  /** the client half-closes after sending */
  readonly end?: boolean
  readonly expect: { readonly replies: ReadonlyArray<string>; readonly closed: boolean }
}

/** HTTP: a raw request (bytes as sent) or a described one; the status and oxd code answered. */
export interface HttpCase {
  readonly name: string
  readonly raw?: ReadonlyArray<Part>
  readonly request?: {
    readonly method: string
    readonly path: string
    readonly headers?: Readonly<Record<string, string>>
    readonly body?: ReadonlyArray<Part>
  }
  readonly expect: { readonly status: number; readonly error?: string }
}

/** WebSocket: messages on one open socket (text, or binary for hex); the oxd code of the reply, or a close code. */
export interface WsCase {
  readonly name: string
  readonly messages: ReadonlyArray<Part & { readonly binary?: boolean }>
  readonly expect: { readonly error?: string; readonly ok?: boolean; readonly close?: number; readonly none?: boolean }
}

export interface Corpus {
  readonly tcp: ReadonlyArray<TcpCase & { readonly file: string }>
  readonly http: ReadonlyArray<HttpCase & { readonly file: string }>
  readonly ws: ReadonlyArray<WsCase & { readonly file: string }>
}

/** ../corpus from src/ (tests) and from dist/ (built) alike. */
export const CORPUS_DIR = fileURLToPath(new URL("../corpus", import.meta.url))

export function loadCorpus<K extends keyof Corpus>(transport: K): Corpus[K] {
  const dir = `${CORPUS_DIR}/${transport}`
  const cases: Array<Record<string, unknown>> = []
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const parsed = JSON.parse(readFileSync(`${dir}/${file}`, "utf8")) as { cases: Array<Record<string, unknown>> }
    for (const c of parsed.cases) cases.push({ ...c, file })
  }
  return cases as unknown as Corpus[K]
}

// ---------------------------------------------------------------------------------------------------------------
// Values

/** Injection-shaped strings: SQL, header CRLF, script URLs, path traversal, NUL, template and format strings. */
export const INJECTION_STRINGS: ReadonlyArray<string> = [
  "' OR 1=1 --",
  "'; DROP TABLE sites; --",
  '" OR ""="',
  "x\r\nSet-Cookie: oxd=pwned",
  "x\r\n\r\nHTTP/1.1 200 OK",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2f",
  "a\u0000b",
  "\u0000",
  "${jndi:ldap://127.0.0.1:1/a}",
  "{{7*7}}",
  "%s%s%s%n",
  "https://127.0.0.1:1/\r\nHost: evil",
  "\u202e\u0041\ud83d\ude00",
  "\ud800",
  "",
]

/** Keys that, naively merged, would pollute Object.prototype. */
export const POLLUTION_KEYS: ReadonlyArray<string> = ["__proto__", "constructor", "prototype"]

/** A value of every JSON type, edge sizes included. */
export const WRONG_TYPE_VALUES: ReadonlyArray<unknown> = [
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  false,
  null,
  [],
  [null],
  [1, "a", {}],
  Array.from({ length: 1000 }, (_, i) => i),
  {},
  { a: { b: { c: {} } } },
  { "": "" },
  "",
  " ",
  "x".repeat(4000),
  "日本語😀",
]

/** Nested arrays `depth` deep, as JSON text (built without recursion). */
export const deepArrayJson = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`
/** Nested objects {"a":{"a":…}} `depth` deep, as JSON text. */
export const deepObjectJson = (depth: number) => `${'{"a":'.repeat(depth)}{}${"}".repeat(depth)}`

// ---------------------------------------------------------------------------------------------------------------
// Cases from the command registry

/** What the generators need of a command: its wire name and the field names of its params schema. */
export interface CommandShape {
  readonly name: string
  readonly params: { readonly fields?: Readonly<Record<string, unknown>> }
}

export interface ParamCase {
  readonly name: string
  readonly command: string
  readonly params: Record<string, unknown>
}

/** A base every case starts from: a syntactically valid oxd_id that names no site (so nothing reaches an OP). */
const BASE: Record<string, unknown> = { oxd_id: "00000000-0000-4000-8000-000000000000" }

/** Own-property assignment: `__proto__` becomes a real key, as JSON.parse makes it. */
const withKey = (o: Record<string, unknown>, key: string, value: unknown) => {
  const out = { ...o }
  Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true })
  return out
}

/**
 * Every param of every command given every wrong-typed value and every injection string, plus prototype-pollution
 * keys at the top level and inside each param. `fields` come from the command's schema, so a new param is covered
 * without touching this file.
 */
export function paramCases(commands: ReadonlyArray<CommandShape>): ParamCase[] {
  const cases: ParamCase[] = []
  for (const c of commands) {
    const fields = Object.keys(c.params.fields ?? {})
    for (const field of fields) {
      WRONG_TYPE_VALUES.forEach((v, i) =>
        cases.push({ name: `${c.name}.${field} wrong type #${i}`, command: c.name, params: withKey(BASE, field, v) }),
      )
      INJECTION_STRINGS.forEach((v, i) =>
        cases.push({ name: `${c.name}.${field} injection #${i}`, command: c.name, params: withKey(BASE, field, v) }),
      )
      for (const key of POLLUTION_KEYS) {
        cases.push({
          name: `${c.name}.${field}.${key}`,
          command: c.name,
          params: withKey(BASE, field, withKey({}, key, { oxd_id: "polluted", polluted: true })),
        })
        cases.push({
          name: `${c.name}.${field}[].${key}`,
          command: c.name,
          params: withKey(BASE, field, [withKey({}, key, { polluted: true })]),
        })
      }
    }
    // a command that takes no params (get_rp_jwks) ignores every body: its answer is ok, nothing to refuse
    if (fields.length === 0) continue
    for (const key of POLLUTION_KEYS) {
      cases.push({
        name: `${c.name} top-level ${key}`,
        command: c.name,
        params: withKey({}, key, { ...BASE, op_host: "https://127.0.0.1:1", polluted: true }),
      })
    }
  }
  return cases
}

/** Names that are not commands: empty, huge, prototype members, injection strings, near misses. */
export const UNKNOWN_COMMANDS: ReadonlyArray<string> = [
  "",
  " ",
  "no_such_command",
  "GET_AUTHORIZATION_URLS",
  "get-authorization-url",
  "get_authorization_url ",
  "x".repeat(5000),
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "__defineGetter__",
  ...INJECTION_STRINGS.filter((s) => s.length > 0),
]

/** Whether Object.prototype was polluted (a test asserts it stays false). */
export const prototypePolluted = (): boolean =>
  (({}) as Record<string, unknown>)["polluted"] !== undefined ||
  Object.prototype.hasOwnProperty.call(Object.prototype, "polluted") ||
  ({} as Record<string, unknown>)["oxd_id"] !== undefined
