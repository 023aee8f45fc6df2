/**
 * One core served over all three transports (as apps/server does), on the real test OP, for the client's tests. The
 * HTTPS and WSS ports serve a generated self-signed certificate (`certFile`).
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { TestOp } from "@oxd/test-op"
import { startStack, type Stack } from "@oxd/test-stack"

export { startOp } from "@oxd/testkit"

export type Servers = Stack & {
  /** The self-signed certificate of the HTTPS and WSS ports, as a PEM file. */
  readonly certFile: string
}

/** TCP with protection on, so every transport asks for the same token. */
export const startServers = async (op: TestOp): Promise<Servers> => {
  const stack = await startStack(op, {
    config: {
      protect_commands_with_access_token: true,
      rest_tls_dir: join(mkdtempSync(join(tmpdir(), "oxd-client-")), "tls"),
    },
  })
  return Object.assign(stack, { certFile: stack.rest.tls!.certFile })
}
