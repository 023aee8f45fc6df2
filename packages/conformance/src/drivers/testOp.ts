import { gatherClaims, headlessLogin, type TestOp } from "@oxd/test-op"
import type { OpDriver } from "../scenario.js"

/**
 * The bundled test OP in this process as a scenario's OP: headless login, misbehaviour, key rotation and UMA
 * policies through its JavaScript API. (`@oxd/conformance/test-op`, so that the main entry does not load it.)
 */
export const testOpDriver = (op: TestOp): OpDriver => ({
  issuer: op.issuer,
  offersUma: true,
  login: async (url) => {
    const r = await headlessLogin(url, { ca: op.caPem })
    return { code: r.code, state: r.state }
  },
  misbehave: async (fault) => op.misbehave({ kind: fault, once: true }),
  rotateKeys: async () => {
    await op.rotateKeys()
  },
  signJwt: (claims, opts) => op.signJwt(claims, opts),
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
