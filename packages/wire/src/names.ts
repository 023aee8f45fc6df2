/**
 * Every name of a command follows from its one wire name (`get_tokens_by_code`): the REST path, the tRPC procedure
 * and client method, the type prefix of generated schemas. Core's registry holds the wire names; everything that
 * speaks or serves the protocol derives the rest here, so a server and its clients cannot disagree.
 */

/** get_tokens_by_code → /get-tokens-by-code (the REST route). */
export const restPath = (wireName: string): string => `/${wireName.replaceAll("_", "-")}`

/** get_tokens_by_code → getTokensByCode (the tRPC procedure and the client method). */
export const procedureName = (wireName: string): string =>
  wireName.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

/** getTokensByCode → get_tokens_by_code (procedureName's inverse). */
export const commandOfMethod = (method: string): string => method.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** get_tokens_by_code → GetTokensByCode (schema and type names: OpenAPI components, generated client types). */
export const pascalName = (wireName: string): string =>
  wireName
    .split("_")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("")

/** procedureName at the type level: get_tokens_by_code → getTokensByCode. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S
