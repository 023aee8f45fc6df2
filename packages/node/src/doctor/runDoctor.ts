import { makeOxd, type Config } from "@oxd/core"
import { checkCertificates } from "./certificates.js"
import { skip, type CheckResult } from "./check.js"
import { checkOp } from "./op.js"
import { checkPorts } from "./ports.js"
import { makeProbe } from "./probe.js"
import { checkStoreFiles, checkStoreOpen } from "./store.js"
import { checkTrustedCa } from "./trust.js"

/** Where the doctor is: shown on a terminal while a slow step (an OP that does not answer) runs. */
export type Progress = (step: string) => void

/**
 * Every check, in the order the server meets them: the store, the certificates, the ports, then each OP it uses
 * (default_op_host and every OP a stored site is registered at). Results come as they are known.
 */
export async function* runDoctor(config: Config, progress: Progress = () => {}): AsyncGenerator<CheckResult> {
  const trust = checkTrustedCa(config)
  yield trust
  if (trust.status === "fail") {
    // core reads the file when it builds its services: nothing past this point can start
    yield skip("store", "skipped: the server cannot start without a readable trusted_ca_file")
    return
  }
  progress("store")
  yield* checkStoreFiles(config)
  // quiet: the doctor's own lines are the output (core's warnings are checks here)
  const oxd = makeOxd({ ...config, log_level: "error" })
  try {
    const store = await checkStoreOpen(oxd)
    yield* store.results
    progress("certificates")
    yield* checkCertificates(config)
    progress("ports")
    yield* await checkPorts(config)
    const opHosts = store.open ? await oxd.admin.opHosts() : config.default_op_host ? [config.default_op_host] : []
    if (opHosts.length === 0) {
      yield skip("op", "no OP yet: default_op_host is not set and no site is registered")
      return
    }
    const sites = store.open ? await oxd.admin.listSites() : []
    const probe = makeProbe({
      trustedCaFile: config.trusted_ca_file,
      timeoutMs: config.op_timeout_in_seconds * 1000,
      allowedOpHosts: config.allowed_op_hosts,
    })
    for (const opHost of opHosts) {
      progress(`OP ${opHost}`)
      yield* checkOp(opHost, {
        config,
        probe,
        usesUma: sites.some((s) => s.op_host === opHost && s.scope.includes("uma_protection")),
        protection: store.open ? () => oxd.admin.protectionCheck(opHost) : undefined,
      })
    }
  } finally {
    await oxd.dispose().catch(() => undefined)
  }
}
