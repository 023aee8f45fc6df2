import { randomUUID } from "node:crypto"
import { createClient, type Transaction } from "@libsql/client"
import pg from "pg"

export const RESOURCES_PER_SEEDED_SITE = 10
/** Sites per statement: their ids go in as one JSON array, the rows are made by the database. */
const BATCH = 10_000

export interface Seeded {
  readonly added: number
  readonly ms: number
}

/**
 * Fills a migrated store (the server stopped) up to `total` sites, each seeded site holding 10 protected resources.
 * The rows are built inside the database from one JSON array of ids per batch (10,000 sites, 100,000 resources per
 * statement pair): a million sites take tens of seconds rather than the minutes row-by-row inserts took. Seeded sites
 * are real rows a command can read (get_authorization_url answers for them); their client ids are not known at the OP.
 * Returns how many were added. Column lists are the store's (schema.ts / schema.pg.ts; schemaDrift.test.ts keeps
 * the two alike); seed.test.ts runs this on both dialects after the real migrations.
 */
export const seedSites = async (
  databaseUrl: string,
  total: number,
  opHost: string,
  progress: (line: string) => void = () => {},
): Promise<Seeded> => {
  const started = performance.now()
  const db = databaseUrl.startsWith("postgres") ? await postgresSeeder(databaseUrl) : sqliteSeeder(databaseUrl)
  try {
    const add = Math.max(0, total - (await db.countSites()))
    const now = Date.now()
    await db.begin()
    for (let from = 0; from < add; from += BATCH) {
      const ids = Array.from({ length: Math.min(BATCH, add - from) }, () => randomUUID())
      await db.insertBatch(JSON.stringify(ids), opHost, now)
      const done = from + ids.length
      // a line every 100,000 sites (and at the end): a million take a while
      if (done % 100_000 === 0 || done === add)
        progress(
          `  seeding: ${done}/${add} sites (${done * RESOURCES_PER_SEEDED_SITE} resources), ${((performance.now() - started) / 1000).toFixed(1)} s`,
        )
    }
    await db.commit()
    return { added: add, ms: performance.now() - started }
  } finally {
    await db.close()
  }
}

interface Seeder {
  countSites(): Promise<number>
  begin(): Promise<void>
  insertBatch(idsJson: string, opHost: string, now: number): Promise<void>
  commit(): Promise<void>
  close(): Promise<void>
}

const SITE_COLUMNS = `oxd_id, kind, op_host, client_id, client_secret, client_id_issued_at, client_secret_expires_at,
  authorization_redirect_uri, scope, acr_values, metadata, created_at, updated_at`
const RESOURCE_COLUMNS = `oxd_id, path, http_methods, scopes, resource_id, created_at`
const SITE_SCOPE = '["openid","uma_protection"]'
const SITE_METADATA = '{"grant_types":["authorization_code","client_credentials"],"response_types":["code"]}'

const sqliteSeeder = (databaseUrl: string): Seeder => {
  const client = createClient({ url: databaseUrl })
  // libsql runs a transaction on its own connection object, not through BEGIN on the client
  let tx: Transaction | undefined
  return {
    countSites: async () =>
      Number((await client.execute("SELECT count(*) AS n FROM sites WHERE kind = 'site'")).rows[0]!["n"]),
    begin: async () => {
      tx = await client.transaction("write")
    },
    insertBatch: async (ids, opHost, now) => {
      await tx!.execute({
        sql: `INSERT INTO sites (${SITE_COLUMNS})
          SELECT value, 'site', ?, 'seeded-' || value, 'seeded-secret', ?, 0, 'https://client.example/callback',
            ?, '[]', ?, ?, ? FROM json_each(?)`,
        args: [opHost, Math.floor(now / 1000), SITE_SCOPE, SITE_METADATA, now, now, ids],
      })
      await tx!.execute({
        sql: `WITH RECURSIVE r(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM r WHERE i < ${RESOURCES_PER_SEEDED_SITE - 1})
          INSERT INTO uma_resources (${RESOURCE_COLUMNS})
          SELECT j.value, '/resource-' || r.i, '["GET","POST"]', '["view"]', 'seeded-' || j.value || '-' || r.i, ?
          FROM json_each(?) AS j, r`,
        args: [now, ids],
      })
    },
    commit: async () => tx!.commit(),
    close: async () => {
      tx?.close()
      client.close()
    },
  }
}

const postgresSeeder = async (databaseUrl: string): Promise<Seeder> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  return {
    countSites: async () =>
      Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM sites WHERE kind = 'site'")).rows[0]!.n),
    begin: async () => void (await client.query("BEGIN")),
    insertBatch: async (ids, opHost, now) => {
      await client.query(
        `INSERT INTO sites (${SITE_COLUMNS})
          SELECT id, 'site', $1, 'seeded-' || id, 'seeded-secret', $2, 0, 'https://client.example/callback',
            $3::jsonb, '[]'::jsonb, $4::jsonb, $5, $5 FROM jsonb_array_elements_text($6::jsonb) AS id`,
        [opHost, Math.floor(now / 1000), SITE_SCOPE, SITE_METADATA, now, ids],
      )
      await client.query(
        `INSERT INTO uma_resources (${RESOURCE_COLUMNS})
          SELECT id, '/resource-' || i, '["GET","POST"]'::jsonb, '["view"]'::jsonb, 'seeded-' || id || '-' || i, $1
          FROM jsonb_array_elements_text($2::jsonb) AS id, generate_series(0, ${RESOURCES_PER_SEEDED_SITE - 1}) AS i`,
        [now, ids],
      )
    },
    commit: async () => void (await client.query("COMMIT")),
    close: () => client.end(),
  }
}

/** Up to n ids of seeded sites (the bench's own rows), to read them through the server. */
export const seededSiteIds = async (databaseUrl: string, n: number): Promise<ReadonlyArray<string>> => {
  const sql = `SELECT oxd_id FROM sites WHERE client_id LIKE 'seeded-%' LIMIT ${Math.floor(n)}`
  if (databaseUrl.startsWith("postgres")) {
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      return (await client.query<{ oxd_id: string }>(sql)).rows.map((r) => r.oxd_id)
    } finally {
      await client.end()
    }
  }
  const client = createClient({ url: databaseUrl })
  try {
    return (await client.execute(sql)).rows.map((r) => String(r["oxd_id"]))
  } finally {
    client.close()
  }
}
