import { commandOfMethod } from "@oxd/wire"
import type { Caller, OxdClient } from "./types.js"

/** Properties that are never commands: promise and JSON probes, test-framework probes. */
const NOT_COMMANDS = new Set([
  "then",
  "catch",
  "finally",
  "constructor",
  "toJSON",
  "toString",
  "valueOf",
  "inspect",
  "asymmetricMatch",
  "nodeType",
  "tagName",
])
const METHOD = /^[a-z][a-zA-Z0-9]*$/

/**
 * The client over one transport: `call(command, params)`, and a method per command whose name is the command's in
 * camelCase. The methods are derived from the name when asked for, so a command added to core needs no client change.
 */
export const makeClient = <Extra extends object>(caller: Caller, extra: Extra): OxdClient & Extra => {
  const base = {
    transport: caller.transport,
    call: (command: string, params: Record<string, unknown> | undefined, options = {}) =>
      caller.call(command, params ?? {}, options),
    close: () => caller.close(),
    ...extra,
  }
  const methods = new Map<string, unknown>()
  return new Proxy(base, {
    get(target, prop, receiver) {
      if (typeof prop !== "string" || prop in target || NOT_COMMANDS.has(prop) || !METHOD.test(prop))
        return Reflect.get(target, prop, receiver)
      let method = methods.get(prop)
      if (!method) {
        const command = commandOfMethod(prop)
        method = (params?: Record<string, unknown>, options?: Parameters<Caller["call"]>[2]) =>
          base.call(command, params, options)
        methods.set(prop, method)
      }
      return method
    },
  }) as unknown as OxdClient & Extra
}
