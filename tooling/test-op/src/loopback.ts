/** The server certificate covers exactly these names, and a test OP must never be reachable off-host. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "::1", "localhost"])

export function assertLoopbackHost(host: string): void {
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new Error(`refusing to serve the test OP on ${host}: only ${[...LOOPBACK_HOSTS].join(", ")} are allowed`)
  }
}
