import { and, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm"
import type { NodePgDatabase } from "drizzle-orm/node-postgres"
import type { RequestKey, Rows, TokenSubjectKey } from "../rows.js"
import * as schema from "../schema.pg.js"

const {
  logoutSessions: sessions,
  logoutTokenJtis: jtis,
  authorizationRequests: requests,
  requestObjects,
  serverSecrets: secrets,
  sites,
  tokenSubjects: subjects,
  umaResources: resources,
} = schema

const requestIs = (k: RequestKey) =>
  and(eq(requests.state, k.state), eq(requests.oxdId, k.oxdId), eq(requests.purpose, k.purpose))

const subjectIs = (k: TokenSubjectKey) =>
  and(eq(subjects.oxdId, k.oxdId), eq(subjects.kind, k.kind), eq(subjects.tokenHash, k.tokenHash))

const first = <A>(rows: ReadonlyArray<A>): A | undefined => rows[0]

/**
 * PostgreSQL text cannot hold NUL, and a query comparing with one fails ("invalid byte sequence"): a key with NUL
 * (hostile input: a state, an oxd_id) matches no row, as it would on SQLite, instead of failing the command.
 */
const storable = (...keys: ReadonlyArray<string>) => keys.every((k) => !k.includes("\u0000"))

/** The stores' statements on PostgreSQL (node-postgres pool). */
/** `changed`: told after each committed write to a site or its resources (the change feed's NOTIFY). */
export const pgRows = (
  db: NodePgDatabase<typeof schema>,
  changed: (table: "sites" | "uma_resources", oxdId: string) => void = () => {},
): Rows => ({
  sites: {
    byOxdId: async (oxdId) =>
      !storable(oxdId) ? undefined : first(await db.select().from(sites).where(eq(sites.oxdId, oxdId))),
    setupAt: async (opHost, clientId) =>
      !storable(opHost) || !storable(clientId)
        ? undefined
        : first(
            await db
              .select()
              .from(sites)
              .where(and(eq(sites.opHost, opHost), eq(sites.clientId, clientId), eq(sites.kind, "setup")))
              .limit(1),
          ),
    latestSetup: async (opHost) =>
      !storable(opHost)
        ? undefined
        : first(
            await db
              .select()
              .from(sites)
              .where(and(eq(sites.opHost, opHost), eq(sites.kind, "setup")))
              .orderBy(desc(sites.createdAt))
              .limit(1),
          ),
    setupOpHosts: async (limit) =>
      (await db.selectDistinct({ opHost: sites.opHost }).from(sites).where(eq(sites.kind, "setup")).limit(limit)).map(
        (r) => r.opHost,
      ),
    opHosts: async (limit) =>
      (await db.selectDistinct({ opHost: sites.opHost }).from(sites).limit(limit)).map((r) => r.opHost),
    list: (limit) => db.select().from(sites).orderBy(sites.createdAt, sites.oxdId).limit(limit),
    oxdIdsOfClient: async (opHosts, clientId, limit) =>
      opHosts.length === 0 || !storable(clientId, ...opHosts)
        ? []
        : (
            await db
              .select({ oxdId: sites.oxdId })
              .from(sites)
              .where(and(eq(sites.clientId, clientId), inArray(sites.opHost, [...opHosts])))
              .limit(limit)
          ).map((r) => r.oxdId),
    insert: async (row) => {
      await db.insert(sites).values(row)
      changed("sites", row.oxdId)
    },
    update: async (oxdId, patch) => {
      if (!storable(oxdId)) return undefined
      const row = first(await db.update(sites).set(patch).where(eq(sites.oxdId, oxdId)).returning())
      if (row) changed("sites", oxdId)
      return row
    },
    remove: async (oxdId) => {
      const removed = storable(oxdId) && ((await db.delete(sites).where(eq(sites.oxdId, oxdId))).rowCount ?? 0) > 0
      if (removed) changed("sites", oxdId)
      return removed
    },
  },
  requests: {
    // a state with NUL never reaches here: a sealed state is base64url, a caller-chosen one visible ASCII
    insertUsed: async (row) =>
      (await db.insert(requests).values(row).onConflictDoNothing().returning({ state: requests.state })).length === 1,
    insertPending: async (row) =>
      storable(row.state, row.oxdId, row.nonce) &&
      (await db.insert(requests).values(row).onConflictDoNothing().returning({ state: requests.state })).length === 1,
    take: async (key, now) =>
      !storable(key.state, key.oxdId)
        ? undefined
        : first(
            await db
              .update(requests)
              .set({ consumedAt: now })
              .where(and(requestIs(key), isNull(requests.consumedAt)))
              .returning(),
          ),
    find: async (key) =>
      !storable(key.state, key.oxdId) ? undefined : first(await db.select().from(requests).where(requestIs(key))),
    purgeExpiredBefore: async (time) => void (await db.delete(requests).where(lt(requests.expiresAt, time))),
  },
  requestObjects: {
    insert: async (row) => void (await db.insert(requestObjects).values(row)),
    get: async (id, now) =>
      first(
        await db
          .select()
          .from(requestObjects)
          .where(and(eq(requestObjects.id, id), gt(requestObjects.expiresAt, now))),
      ),
    purgeExpiredBefore: async (now) => void (await db.delete(requestObjects).where(lt(requestObjects.expiresAt, now))),
  },
  secrets: {
    get: async (name) => first(await db.select().from(secrets).where(eq(secrets.name, name))),
    insertIfAbsent: async (row) => void (await db.insert(secrets).values(row).onConflictDoNothing()),
  },
  subjects: {
    upsert: async (rows) => {
      if (rows.length === 0) return
      await db
        .insert(subjects)
        .values([...rows])
        .onConflictDoUpdate({
          target: [subjects.oxdId, subjects.kind, subjects.tokenHash],
          set: { sub: sql`excluded.sub`, expiresAt: sql`excluded.expires_at` },
        })
    },
    find: async (key, now) =>
      !storable(key.oxdId)
        ? undefined
        : first(
            await db
              .select({ sub: subjects.sub })
              .from(subjects)
              .where(and(subjectIs(key), gt(subjects.expiresAt, now))),
          )?.sub,
    purgeExpiredBefore: async (time) => void (await db.delete(subjects).where(lt(subjects.expiresAt, time))),
  },
  logoutSessions: {
    remember: async (rows) => {
      if (rows.length === 0) return
      await db
        .insert(sessions)
        .values([...rows])
        .onConflictDoUpdate({
          target: [sessions.oxdId, sessions.sid, sessions.sub],
          set: { expiresAt: sql`greatest(${sessions.expiresAt}, excluded.expires_at)` },
        })
    },
    endBySid: async (oxdId, sid, sub, at, channel) =>
      !storable(oxdId, sid, sub ?? "")
        ? 0
        : ((
            await db
              .update(sessions)
              .set({ loggedOutAt: at, channel })
              .where(
                and(
                  eq(sessions.oxdId, oxdId),
                  eq(sessions.sid, sid),
                  sub === undefined ? undefined : eq(sessions.sub, sub),
                  isNull(sessions.loggedOutAt),
                ),
              )
          ).rowCount ?? 0),
    endBySub: async (oxdId, sub, at, channel) =>
      !storable(oxdId, sub)
        ? 0
        : ((
            await db
              .update(sessions)
              .set({ loggedOutAt: at, channel })
              .where(and(eq(sessions.oxdId, oxdId), eq(sessions.sub, sub), isNull(sessions.loggedOutAt)))
          ).rowCount ?? 0),
    sitesWithSid: async (opHost, sid, now, limit) =>
      !storable(opHost, sid)
        ? []
        : (
            await db
              .selectDistinct({ oxdId: sessions.oxdId })
              .from(sessions)
              .where(and(eq(sessions.opHost, opHost), eq(sessions.sid, sid), gt(sessions.expiresAt, now)))
              .limit(limit)
          ).map((r) => r.oxdId),
    find: async (oxdId, key, now, limit) =>
      !storable(oxdId, key.sid ?? "", key.sub ?? "")
        ? []
        : db
            .select()
            .from(sessions)
            .where(
              and(
                eq(sessions.oxdId, oxdId),
                key.sid === undefined ? undefined : eq(sessions.sid, key.sid),
                key.sub === undefined ? undefined : eq(sessions.sub, key.sub),
                gt(sessions.expiresAt, now),
              ),
            )
            .limit(limit),
    purgeExpiredBefore: async (time) => void (await db.delete(sessions).where(lt(sessions.expiresAt, time))),
  },
  logoutTokenJtis: {
    insertIfNew: async (row) =>
      (await db.insert(jtis).values(row).onConflictDoNothing().returning({ jti: jtis.jti })).length === 1,
    purgeExpiredBefore: async (time) => void (await db.delete(jtis).where(lt(jtis.expiresAt, time))),
  },
  resources: {
    list: async (oxdId) => (!storable(oxdId) ? [] : db.select().from(resources).where(eq(resources.oxdId, oxdId))),
    replace: async (oxdId, rows) => {
      await db.transaction(async (tx) => {
        // two instances replacing one site's resources at once take turns (else both deletes, then both inserts)
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`uma_resources/${oxdId}`}))`)
        await tx.delete(resources).where(eq(resources.oxdId, oxdId))
        if (rows.length > 0) await tx.insert(resources).values(rows.map((r) => ({ ...r, oxdId })))
      })
      changed("uma_resources", oxdId)
    },
  },
})
