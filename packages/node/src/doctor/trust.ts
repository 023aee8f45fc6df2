import { X509Certificate } from "node:crypto"
import { readFileSync } from "node:fs"
import type { Config } from "@oxd/core"
import { bad, ok, skip, type CheckResult } from "./check.js"

/** trusted_ca_file: readable and a PEM certificate (the server refuses to start otherwise). */
export const checkTrustedCa = (config: Config): CheckResult => {
  const file = config.trusted_ca_file
  if (!file) return skip("config.trusted_ca_file", "not set: the OPs' certificates must chain to the system CAs")
  let pem: string
  try {
    pem = readFileSync(file, "utf8")
  } catch (e) {
    return bad(
      "fail",
      "config.trusted_ca_file",
      `cannot read ${file}: ${(e as Error).message}`,
      "fix the path or the file's permissions",
    )
  }
  try {
    const cert = new X509Certificate(pem)
    return ok(
      "config.trusted_ca_file",
      `${file}: ${cert.subject.replace(/\n/g, ", ")}, valid to ${new Date(Date.parse(cert.validTo)).toISOString().slice(0, 10)}`,
    )
  } catch {
    return bad(
      "fail",
      "config.trusted_ca_file",
      `${file} holds no PEM certificate`,
      "set trusted_ca_file to the PEM of the OP's CA",
    )
  }
}
