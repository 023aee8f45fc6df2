import type * as pg from "./schema.pg.js"
import type {
  authorizationRequests,
  requestObjects,
  logoutSessions,
  logoutTokenJtis,
  serverSecrets,
  sites,
  tokenSubjects,
  umaResources,
} from "./schema.js"

export type SiteRow = typeof sites.$inferSelect
export type RequestRow = typeof authorizationRequests.$inferSelect
export type ResourceRow = typeof umaResources.$inferSelect
export type NewRequestRow = typeof authorizationRequests.$inferInsert
export type ServerSecretRow = typeof serverSecrets.$inferSelect
export type NewResourceRow = Omit<ResourceRow, "id">
export type SitePatchRow = Partial<Omit<SiteRow, "oxdId" | "kind" | "createdAt">>
export type TokenSubjectRow = typeof tokenSubjects.$inferSelect
export type RequestObjectRow = typeof requestObjects.$inferSelect
export type LogoutSessionRow = typeof logoutSessions.$inferSelect
export type LogoutTokenJtiRow = typeof logoutTokenJtis.$inferSelect
export type LogoutChannel = NonNullable<LogoutSessionRow["channel"]>
export type TokenSubjectKey = Pick<TokenSubjectRow, "oxdId" | "kind" | "tokenHash">

/** The statements the stores run, one implementation per dialect (sqlite/rows.ts, pg/rows.ts). */
export interface Rows {
  readonly sites: {
    byOxdId(oxdId: string): Promise<SiteRow | undefined>
    /** The setup client registered at this OP with this client_id: the pair, never the client_id alone, names one. */
    setupAt(opHost: string, clientId: string): Promise<SiteRow | undefined>
    latestSetup(opHost: string): Promise<SiteRow | undefined>
    setupOpHosts(limit: number): Promise<ReadonlyArray<string>>
    /** The OPs with any site or setup client here (distinct op_host, at most `limit`). */
    opHosts(limit: number): Promise<ReadonlyArray<string>>
    /** Every site and setup client, oldest first (at most `limit`): for the operators' `sites list`. */
    list(limit: number): Promise<ReadonlyArray<SiteRow>>
    /** The oxd_ids of the rows of this client_id at one of these op_hosts, at most `limit`. */
    oxdIdsOfClient(opHosts: ReadonlyArray<string>, clientId: string, limit: number): Promise<ReadonlyArray<string>>
    insert(row: SiteRow): Promise<void>
    update(oxdId: string, patch: SitePatchRow): Promise<SiteRow | undefined>
    remove(oxdId: string): Promise<boolean>
  }
  readonly requests: {
    /**
     * Records the use of a sealed state: one INSERT … ON CONFLICT DO NOTHING; true for the one attempt (of any
     * process) that inserted the row, false when the state was used before.
     */
    insertUsed(row: NewRequestRow & { consumedAt: number }): Promise<boolean>
    /**
     * Stores a pending request (an oxd 4.x caller-chosen state: it carries nothing, so it is stored before use);
     * false when a row of that state exists.
     */
    insertPending(row: NewRequestRow & { consumedAt: null }): Promise<boolean>
    /** Takes a pending request once: marks it consumed unless it was; the row for the one attempt that did. */
    take(key: RequestKey, now: number): Promise<RequestRow | undefined>
    find(key: RequestKey): Promise<RequestRow | undefined>
    purgeExpiredBefore(time: number): Promise<void>
  }
  readonly secrets: {
    get(name: string): Promise<ServerSecretRow | undefined>
    /** Stores the secret unless one of that name exists (another instance made it first); read it back with get. */
    insertIfAbsent(row: ServerSecretRow): Promise<void>
  }
  readonly subjects: {
    /** Inserts the rows in one statement; a key recorded before (a refresh token the OP kept) takes the new sub and expiry. */
    upsert(rows: ReadonlyArray<TokenSubjectRow>): Promise<void>
    /** The sub recorded under the key, unless it expired at `now` or before. */
    find(key: TokenSubjectKey, now: number): Promise<string | undefined>
    purgeExpiredBefore(time: number): Promise<void>
  }
  readonly requestObjects: {
    insert(row: RequestObjectRow): Promise<void>
    /** The row of that id unless it expired before `now`. */
    get(id: string, now: number): Promise<RequestObjectRow | undefined>
    purgeExpiredBefore(now: number): Promise<void>
  }
  readonly logoutSessions: {
    /** Records sessions; one recorded before keeps its logout and takes the later expiry (a refresh never revives one). */
    remember(rows: ReadonlyArray<LogoutSessionRow>): Promise<void>
    /** Marks the site's sessions with this sid (and this sub, when given) ended; how many were. */
    endBySid(oxdId: string, sid: string, sub: string | undefined, at: number, channel: LogoutChannel): Promise<number>
    /** Marks every session of this sub at the site ended; how many were. */
    endBySub(oxdId: string, sub: string, at: number, channel: LogoutChannel): Promise<number>
    /** The sites with a live session of this sid at this OP (a front-channel logout names no client), at most `limit`. */
    sitesWithSid(opHost: string, sid: string, now: number, limit: number): Promise<ReadonlyArray<string>>
    /** The site's unexpired sessions with this sid and/or sub (at most `limit`). */
    find(
      oxdId: string,
      key: { sid?: string; sub?: string },
      now: number,
      limit: number,
    ): Promise<ReadonlyArray<LogoutSessionRow>>
    purgeExpiredBefore(time: number): Promise<void>
  }
  readonly logoutTokenJtis: {
    /** Records the jti: true for the one attempt (of any instance) that inserted it, false for a replay. */
    insertIfNew(row: LogoutTokenJtiRow): Promise<boolean>
    purgeExpiredBefore(time: number): Promise<void>
  }
  readonly resources: {
    list(oxdId: string): Promise<ReadonlyArray<ResourceRow>>
    /** Deletes the site's resources and inserts these, atomically. */
    replace(oxdId: string, rows: ReadonlyArray<NewResourceRow>): Promise<void>
  }
}

/** An open store: its statements, and what Database.status asks. */
export interface StoreHandle {
  readonly rows: Rows
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>
  /** The `created_at` drizzle recorded for each applied migration (the journal's `when`), in order. */
  appliedMigrations(): Promise<ReadonlyArray<number>>
  close(): Promise<void>
  /**
   * Changes written by other instances (PostgreSQL: LISTEN/NOTIFY), so caches can drop what they changed at once;
   * `*`: anything may have changed. SQLite has no such feed (caches rely on expiry). Returns the unsubscribe.
   */
  watch(listener: (change: Change) => void): () => void
}

export type Change = { readonly table: "sites" | "uma_resources"; readonly oxdId: string } | { readonly table: "*" }

export interface RequestKey {
  readonly state: string
  readonly oxdId: string
  readonly purpose: RequestRow["purpose"]
}

// Both schemas must give the same row types: a column that drifts in type or nullability fails the build here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const check = <T extends true>(): T => true as T
void check<Same<SiteRow, typeof pg.sites.$inferSelect>>
void check<Same<RequestRow, typeof pg.authorizationRequests.$inferSelect>>
void check<Same<ResourceRow, typeof pg.umaResources.$inferSelect>>
void check<Same<ServerSecretRow, typeof pg.serverSecrets.$inferSelect>>
void check<Same<TokenSubjectRow, typeof pg.tokenSubjects.$inferSelect>>
void check<Same<RequestObjectRow, typeof pg.requestObjects.$inferSelect>>
void check<Same<LogoutSessionRow, typeof pg.logoutSessions.$inferSelect>>
void check<Same<LogoutTokenJtiRow, typeof pg.logoutTokenJtis.$inferSelect>>
