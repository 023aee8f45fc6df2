import { randomUUID } from "node:crypto"
import { createClient } from "@libsql/client"
import { sites, umaResources } from "@oxd/core/store/schema"
import { count, eq } from "drizzle-orm"
import { drizzle } from "drizzle-orm/libsql"

export const RESOURCES_PER_SEEDED_SITE = 10

/**
 * Fills the server's SQLite file (the server stopped) up to `total` sites, each seeded site holding 10 protected
 * resources: rows written directly with drizzle, in batches in one transaction. Returns how many were added.
 */
export const seedSites = async (
  dbFile: string,
  total: number,
  opHost: string,
  progress: (line: string) => void = () => {},
): Promise<{ added: number; ms: number }> => {
  const started = performance.now()
  const client = createClient({ url: `file:${dbFile}` })
  try {
    const db = drizzle(client)
    const existing = (await db.select({ n: count() }).from(sites).where(eq(sites.kind, "site")).get())?.n ?? 0
    const add = Math.max(0, total - existing)
    const now = Date.now()
    // sites: 19 columns, resources: 9 — batches stay under SQLite's 32766 bound variables
    const SITE_BATCH = 1000
    await db.transaction(async (tx) => {
      for (let from = 0; from < add; from += SITE_BATCH) {
        const n = Math.min(SITE_BATCH, add - from)
        const siteRows = Array.from({ length: n }, () => {
          const oxdId = randomUUID()
          return {
            oxdId,
            kind: "site" as const,
            opHost,
            opDiscoveryPath: null,
            clientId: `seeded-${oxdId}`,
            clientSecret: "seeded-secret",
            registrationAccessToken: null,
            registrationClientUri: null,
            clientIdIssuedAt: Math.floor(now / 1000),
            clientSecretExpiresAt: 0,
            setupClientId: null,
            authorizationRedirectUri: "https://client.example/callback",
            postLogoutRedirectUri: null,
            scope: ["openid", "uma_protection"],
            acrValues: [],
            metadata: { grant_types: ["authorization_code", "client_credentials"], response_types: ["code"] },
            lastIdToken: null,
            createdAt: now,
            updatedAt: now,
          }
        })
        await tx.insert(sites).values(siteRows).run()
        const resourceRows = siteRows.flatMap((s) =>
          Array.from({ length: RESOURCES_PER_SEEDED_SITE }, (_, i) => ({
            oxdId: s.oxdId,
            path: `/resource-${i}`,
            httpMethods: ["GET", "POST"],
            scopes: ["view"],
            ticketScopes: null,
            scopeExpression: null,
            resourceId: `seeded-${s.oxdId}-${i}`,
            createdAt: now,
          })),
        )
        for (let r = 0; r < resourceRows.length; r += 2500)
          await tx
            .insert(umaResources)
            .values(resourceRows.slice(r, r + 2500))
            .run()
        const done = from + n
        // a line every 10,000 sites (and at the end): seeding 100,000 sites takes a while
        if (done % 10_000 === 0 || done === add) {
          progress(
            `  seeding: ${done}/${add} sites (${done * RESOURCES_PER_SEEDED_SITE} resources), ${((performance.now() - started) / 1000).toFixed(1)} s`,
          )
        }
      }
    })
    return { added: add, ms: performance.now() - started }
  } finally {
    client.close()
  }
}
