import { gatherClaims, headlessLogin, type TestOp } from "@oxd/test-op"
import type { OpDriver } from "../../src/index.js"

/** The bundled test OP as a scenario's OP: headless login, misbehaviour and key rotation on demand. */
export const testOpDriver = (op: TestOp): OpDriver => ({
  issuer: op.issuer,
  login: async (url) => {
    const r = await headlessLogin(url, { ca: op.caPem })
    return { code: r.code, state: r.state }
  },
  misbehave: async (fault) => op.misbehave({ kind: fault, once: true }),
  rotateKeys: async () => { await op.rotateKeys() },
  uma: {
    setPolicy: async (scope, policy) => op.uma.setPolicy(scope, policy),
    gatherClaims: async (url, claims) => {
      const r = await gatherClaims(url, claims, { ca: op.caPem })
      return { ticket: r.ticket, state: r.state }
    },
    setRptTtl: async (seconds) => op.uma.setRptTtl(seconds),
    introspections: async () => op.counters()["uma.introspection"] ?? 0,
  },
})
