/**
 * A process that makes one call and closes its client (argv[2]: the options of createOxdClient as JSON), then does
 * nothing: it should exit by itself at once. Prints "closed" when close() has resolved.
 */
import { createOxdClient } from "../node.js"

const options = JSON.parse(process.argv[2]!) as Parameters<typeof createOxdClient>[0]
const client = createOxdClient(options)
await client.getAuthorizationUrl({ oxd_id: "x" }).then(
  () => console.log("answered"),
  (e: Error) => console.log(`failed: ${e.name}`),
)
await client.close()
console.log("closed")
