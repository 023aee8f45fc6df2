/**
 * Command names, as core derives them (packages/core/src/names.ts), without importing core's runtime into a browser
 * bundle. A test checks both agree for every command.
 */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S

/** get_tokens_by_code → getTokensByCode (the tRPC procedure and the client method). */
export const procedureName = (command: string): string => command.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())

/** getTokensByCode → get_tokens_by_code */
export const commandOfMethod = (method: string): string => method.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)
