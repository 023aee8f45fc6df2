import { and, desc, eq, gt, inArray, isNull, lt, sql } from "drizzle-orm"
import type { LibSQLDatabase } from "drizzle-orm/libsql"
import type { RequestKey, Rows, TokenSubjectKey } from "../rows.js"
import * as schema from "../schema.js"

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

/** The stores' statements on SQLite/libsql. */
export const sqliteRows = (db: LibSQLDatabase<typeof schema>): Rows => ({
  sites: {
    byOxdId: (oxdId) => db.select().from(sites).where(eq(sites.oxdId, oxdId)).get(),
    setupAt: (opHost, clientId) =>
      db
        .select()
        .from(sites)
        .where(and(eq(sites.opHost, opHost), eq(sites.clientId, clientId), eq(sites.kind, "setup")))
        .get(),
    latestSetup: (opHost) =>
      db
        .select()
        .from(sites)
        .where(and(eq(sites.opHost, opHost), eq(sites.kind, "setup")))
        .orderBy(desc(sites.createdAt))
        .limit(1)
        .get(),
    setupOpHosts: async (limit) =>
      (
        await db.selectDistinct({ opHost: sites.opHost }).from(sites).where(eq(sites.kind, "setup")).limit(limit).all()
      ).map((r) => r.opHost),
    opHosts: async (limit) =>
      (await db.selectDistinct({ opHost: sites.opHost }).from(sites).limit(limit).all()).map((r) => r.opHost),
    list: (limit) => db.select().from(sites).orderBy(sites.createdAt, sites.oxdId).limit(limit).all(),
    oxdIdsOfClient: async (opHosts, clientId, limit) =>
      opHosts.length === 0
        ? []
        : (
            await db
              .select({ oxdId: sites.oxdId })
              .from(sites)
              .where(and(eq(sites.clientId, clientId), inArray(sites.opHost, [...opHosts])))
              .limit(limit)
              .all()
          ).map((r) => r.oxdId),
    insert: async (row) => void (await db.insert(sites).values(row).run()),
    update: (oxdId, patch) => db.update(sites).set(patch).where(eq(sites.oxdId, oxdId)).returning().get(),
    remove: async (oxdId) => (await db.delete(sites).where(eq(sites.oxdId, oxdId)).run()).rowsAffected > 0,
  },
  requests: {
    insertUsed: async (row) => (await db.insert(requests).values(row).onConflictDoNothing().run()).rowsAffected === 1,
    insertPending: async (row) =>
      (await db.insert(requests).values(row).onConflictDoNothing().run()).rowsAffected === 1,
    take: (key, now) =>
      db
        .update(requests)
        .set({ consumedAt: now })
        .where(and(requestIs(key), isNull(requests.consumedAt)))
        .returning()
        .get(),
    find: (key) => db.select().from(requests).where(requestIs(key)).get(),
    purgeExpiredBefore: async (time) => void (await db.delete(requests).where(lt(requests.expiresAt, time)).run()),
  },
  requestObjects: {
    insert: async (row) => void (await db.insert(requestObjects).values(row).run()),
    get: (id, now) =>
      db
        .select()
        .from(requestObjects)
        .where(and(eq(requestObjects.id, id), gt(requestObjects.expiresAt, now)))
        .get(),
    purgeExpiredBefore: async (now) =>
      void (await db.delete(requestObjects).where(lt(requestObjects.expiresAt, now)).run()),
  },
  secrets: {
    get: (name) => db.select().from(secrets).where(eq(secrets.name, name)).get(),
    insertIfAbsent: async (row) => void (await db.insert(secrets).values(row).onConflictDoNothing().run()),
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
        .run()
    },
    find: async (key, now) =>
      (
        await db
          .select({ sub: subjects.sub })
          .from(subjects)
          .where(and(subjectIs(key), gt(subjects.expiresAt, now)))
          .get()
      )?.sub,
    purgeExpiredBefore: async (time) => void (await db.delete(subjects).where(lt(subjects.expiresAt, time)).run()),
  },
  logoutSessions: {
    remember: async (rows) => {
      if (rows.length === 0) return
      await db
        .insert(sessions)
        .values([...rows])
        .onConflictDoUpdate({
          target: [sessions.oxdId, sessions.sid, sessions.sub],
          set: { expiresAt: sql`max(${sessions.expiresAt}, excluded.expires_at)` },
        })
        .run()
    },
    endBySid: async (oxdId, sid, sub, at, channel) =>
      (
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
          .run()
      ).rowsAffected,
    endBySub: async (oxdId, sub, at, channel) =>
      (
        await db
          .update(sessions)
          .set({ loggedOutAt: at, channel })
          .where(and(eq(sessions.oxdId, oxdId), eq(sessions.sub, sub), isNull(sessions.loggedOutAt)))
          .run()
      ).rowsAffected,
    sitesWithSid: async (opHost, sid, now, limit) =>
      (
        await db
          .selectDistinct({ oxdId: sessions.oxdId })
          .from(sessions)
          .where(and(eq(sessions.opHost, opHost), eq(sessions.sid, sid), gt(sessions.expiresAt, now)))
          .limit(limit)
          .all()
      ).map((r) => r.oxdId),
    find: (oxdId, key, now, limit) =>
      db
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
        .limit(limit)
        .all(),
    purgeExpiredBefore: async (time) => void (await db.delete(sessions).where(lt(sessions.expiresAt, time)).run()),
  },
  logoutTokenJtis: {
    insertIfNew: async (row) => (await db.insert(jtis).values(row).onConflictDoNothing().run()).rowsAffected === 1,
    purgeExpiredBefore: async (time) => void (await db.delete(jtis).where(lt(jtis.expiresAt, time)).run()),
  },
  resources: {
    list: (oxdId) => db.select().from(resources).where(eq(resources.oxdId, oxdId)).all(),
    replace: async (oxdId, rows) => {
      // one batch, not an interactive transaction: it runs on one connection without yielding, so no other
      // write of this process can interleave and meet a lock (a held transaction made them fail SQLITE_BUSY)
      const del = db.delete(resources).where(eq(resources.oxdId, oxdId))
      if (rows.length > 0) await db.batch([del, db.insert(resources).values(rows.map((r) => ({ ...r, oxdId })))])
      else await del.run()
    },
  },
})
