import type { CallOptions } from "@oxd/client"

/**
 * What the middleware needs of a client: `call(command, params)`. Every `@oxd/client` has it (tcp, https and ws from
 * "@oxd/client/node", "in-process" from "@oxd/client/in-process"); errors are its OxdError / OxdTransportError.
 */
export interface OxdCaller {
  call(command: string, params: Record<string, unknown>, options?: CallOptions): Promise<unknown>
}
