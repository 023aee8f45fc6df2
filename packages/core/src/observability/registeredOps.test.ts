import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { ManagedRuntime } from "effect"
import { expect, it } from "vitest"
import { makeConfig } from "../config/loadConfig.js"
import { coreLayer } from "../CoreLive.js"
import { SiteStore, type NewSite } from "../services/SiteStore.js"
import { describeEachStore } from "../test-support/storeBackends.js"
import { OxdMetrics, PENDING_OP_CALL_MS } from "./metrics.js"

const site = (oxdId: string, opHost: string): NewSite => ({
  oxdId,
  kind: "site",
  opHost,
  opDiscoveryPath: null,
  clientId: `client-${oxdId}`,
  clientSecret: "s",
  registrationAccessToken: null,
  registrationClientUri: null,
  clientIdIssuedAt: null,
  clientSecretExpiresAt: null,
  setupClientId: null,
  authorizationRedirectUri: "https://rp.example.org/cb",
  postLogoutRedirectUri: null,
  scope: ["openid"],
  acrValues: [],
  metadata: {},
  lastIdToken: null,
})

describeEachStore("the OPs with sites, for the metrics", (backend) => {
  it("labels the OPs with sites in the store at start and those whose site this core stores, nothing else", async () => {
    // two cores in turn on one store: SQLite in a file (each :memory: would be a database of its own)
    const url =
      backend.dialect === "sqlite"
        ? `file:${join(mkdtempSync(join(tmpdir(), "oxd-ops-")), "oxd.db")}`
        : await backend.newUrl()
    const config = makeConfig({
      database_url: url,
      log_level: "error",
      secrets_encryption_key: "a passphrase of sixteen+ characters",
    })
    // a site stored before this core starts (an earlier run, another instance)
    const before = ManagedRuntime.make(coreLayer(config))
    await before.runPromise(SiteStore.use((s) => s.insert(site("seeded", "https://seeded.example/realms/a"))))
    await before.dispose()

    let now = 0
    const metrics = new OxdMetrics({ now: () => now })
    const rt = ManagedRuntime.make(coreLayer(config, { metrics }))
    try {
      await rt.runPromise(SiteStore.use((s) => s.insert(site("inserted", "https://inserted.example:8443"))))
      for (const host of ["https://seeded.example", "https://inserted.example:8443", "https://never.example"])
        metrics.opRequest(host, "token", "2xx", 0.01)
      now += PENDING_OP_CALL_MS
      const text = metrics.render()
      expect(text).toContain('oxd_op_requests_total{host="https://seeded.example",endpoint="token",outcome="2xx"} 1')
      expect(text).toContain(
        'oxd_op_requests_total{host="https://inserted.example:8443",endpoint="token",outcome="2xx"} 1',
      )
      expect(text).toContain('oxd_op_requests_total{host="other",endpoint="token",outcome="2xx"} 1')
      expect(text).not.toContain("never.example")
    } finally {
      await rt.dispose()
    }
  })
})
