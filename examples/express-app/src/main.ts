// pnpm start: the demo on http://127.0.0.1:3000 (PORT), until Ctrl-C
import { readFileSync } from "node:fs"
import { spkiHash } from "@oxd/testkit"
import { opCertificate, startDemo } from "./demo.js"

const demo = await startDemo({ port: Number(process.env["PORT"] ?? 3000) })
console.log(`Express + oxd on ${demo.url} (sign in as alice / alice-password)`)
console.log(
  `The test OP (${demo.op.issuer}) has a certificate of its own CA: accept the browser's warning once, or use`,
)
console.log(
  `  chromium --user-data-dir=$(mktemp -d) --ignore-certificate-errors-spki-list=${spkiHash(readFileSync(opCertificate(), "utf8"))} ${demo.url}`,
)
const stop = () => void demo.close().then(() => process.exit(0))
process.once("SIGINT", stop)
process.once("SIGTERM", stop)
