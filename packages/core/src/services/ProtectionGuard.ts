import { hash } from "node:crypto"
import { Context, Effect, Layer } from "effect"
import type { CallContext } from "../CallContext.js"
import type { Protection } from "../Command.js"
import { OxdConfig } from "../config/OxdConfig.js"
import { cacheStats } from "../observability/cacheStats.js"
import {
  InvalidIntrospectionResponse, ProtectionTokenInactive, ProtectionTokenInsufficientScope, ProtectionTokenInvalid,
  ProtectionTokenMissing, type OxdError,
} from "../errors.js"
import { OpenIdProvider } from "./OpenIdProvider.js"
import { SiteStore, type Site } from "./SiteStore.js"

/** A token the OP vouched for, cached briefly so a burst of commands makes one introspection. */
interface Vouched { readonly clientId: string; readonly scopes: ReadonlyArray<string>; readonly until: number; readonly refreshAt: number }

const CACHE_MAX = 10_000

/**
 * Decides whether a caller may run a protected command: the protection_access_token must be active at the
 * OP, carry the protection scope, and belong to the setup client of the site named by oxd_id. Returns the
 * setup client's client_id (register_site ties the new site to it).
 */
export class ProtectionGuard extends Context.Service<ProtectionGuard, {
  check(protection: Protection, ctx: CallContext, params: Record<string, unknown>): Effect.Effect<string | undefined, OxdError>
  /**
   * The setup client (its client_id) a protection token was issued to, checked as `check` does (active, the
   * protection scope, a setup client of this server); introspected at `opHost`, else at each OP with a setup client.
   */
  identify(token: string | undefined, opHost?: string): Effect.Effect<string, OxdError>
  /**
   * `check` answered from this instance's caches alone, synchronously, when they let it pass: the setup client's
   * client_id, or null when the command needs no token. undefined when the caches cannot say (a miss, an entry due
   * for refresh) or the call would be refused: then `check` must run (it refreshes, refuses, and says why).
   */
  peek(protection: Protection, ctx: CallContext, params: Record<string, unknown>): string | null | undefined
}>()("@oxd/core/ProtectionGuard") {
  static readonly layer = Layer.effect(
    ProtectionGuard,
    Effect.gen(function* () {
      const config = yield* OxdConfig
      const sites = yield* SiteStore
      const op = yield* OpenIdProvider
      const cache = new Map<string, Vouched>()
      const cacheMs = config.protection_cache_seconds * 1000

      const refreshing = new Set<string>()
      /** Tokens are kept by digest (never the token itself in the cache). */
      const keyOf = (token: string) => hash("sha256", token, "base64url")
      const introspectWith = (setup: Site, token: string): Effect.Effect<Vouched, OxdError> =>
        Effect.suspend(() => {
          const key = keyOf(token)
          const hit = cache.get(key)
          if (hit && hit.until > Date.now()) {
            cacheStats.hit("protection")
            // refresh ahead: in the last tenth of the entry's life the OP is asked again in the background, so a
            // burst never waits on an expired entry; the answer in hand is used only until it expires, as before
            if (hit.refreshAt <= Date.now() && !refreshing.has(key)) {
              refreshing.add(key)
              return introspectNow(setup, token, key).pipe(
                // a token the OP no longer vouches for is refused at once; an OP that cannot answer now leaves the
                // entry to serve out its life, without more refreshes
                Effect.catch((e: OxdError) => Effect.sync(() => {
                  if (e._tag === "ProtectionTokenInactive") cache.delete(key)
                  else if (cache.get(key) === hit) cache.set(key, { ...hit, refreshAt: Infinity })
                })),
                Effect.ensuring(Effect.sync(() => refreshing.delete(key))),
                Effect.forkDetach,
                Effect.as(hit),
              )
            }
            return Effect.succeed(hit)
          }
          cacheStats.miss("protection")
          return introspectNow(setup, token, key)
        })
      const introspectNow = (setup: Site, token: string, key: string) =>
        Effect.gen(function* () {
          const r = yield* op.introspect(
            { opHost: setup.opHost, opDiscoveryPath: setup.opDiscoveryPath, clientId: setup.clientId, clientSecret: setup.clientSecret, authMethod: (setup.metadata["token_endpoint_auth_method"] as string | undefined) },
            token,
          )
          if (r["active"] !== true) return yield* new ProtectionTokenInactive()
          if (typeof r["client_id"] !== "string") return yield* new InvalidIntrospectionResponse({ detail: "active token without client_id" })
          const exp = typeof r["exp"] === "number" ? r["exp"] * 1000 : Infinity
          const vouched: Vouched = {
            clientId: r["client_id"],
            scopes: typeof r["scope"] === "string" ? r["scope"].split(" ").filter(Boolean) : [],
            until: Math.min(Date.now() + cacheMs, exp),
            // when the token's own exp ends the entry, asking again earlier would not extend it
            refreshAt: Date.now() + cacheMs < exp ? Date.now() + cacheMs * 0.9 : Infinity,
          }
          if (cacheMs > 0) cache.set(key, vouched)
          if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!)
          return vouched
        })

      const requireScope = (v: Vouched) =>
        v.scopes.includes(config.protection_scope)
          ? Effect.void
          : Effect.fail(new ProtectionTokenInsufficientScope({ required: config.protection_scope }))
      /** Whether a token must be presented for this call, and which one was (the transport's, else the param). */
      const required = (ctx: CallContext) => ctx.requireProtection ?? config.protect_commands_with_access_token
      const tokenOf = (ctx: CallContext, params: Record<string, unknown>) => {
        const fromParams = params["protection_access_token"]
        return ctx.protectionToken || (typeof fromParams === "string" && fromParams.length > 0 ? fromParams : undefined)
      }

      const NONE = Effect.succeed(undefined)
      const checkSite = (site: Site, token: string): Effect.Effect<string, OxdError> => {
        if (!site.setupClientId) {
          return Effect.fail(new ProtectionTokenInvalid({ detail: "the site was registered without a protection token, so no setup client may drive it" }))
        }
        return Effect.flatMap(sites.findSetupByClientId(site.setupClientId), (setup): Effect.Effect<string, OxdError> => {
          if (!setup) return Effect.fail(new ProtectionTokenInvalid({ detail: "the site's setup client no longer exists" }))
          return Effect.flatMap(introspectWith(setup, token), (v): Effect.Effect<string, OxdError> => {
            if (v.clientId !== setup.clientId) return Effect.fail(new ProtectionTokenInvalid({ detail: "the token was issued to another client than this site's setup client" }))
            return Effect.as(requireScope(v), setup.clientId)
          })
        })
      }
      const checkRegister = (params: Record<string, unknown>, token: string) =>
        Effect.gen(function* () {
          // register: no site yet; any setup client of that OP can ask the OP whose token this is
          const opHost = (typeof params["op_host"] === "string" && params["op_host"]) || config.default_op_host
          const anySetup = opHost ? yield* sites.latestSetup(opHost) : undefined
          if (!anySetup) return yield* new ProtectionTokenInvalid({ detail: "no setup client is registered at this OP: call setup_client first" })
          const v = yield* introspectWith(anySetup, token)
          const owner = yield* sites.findSetupByClientId(v.clientId)
          if (!owner) return yield* new ProtectionTokenInvalid({ detail: "the token was not issued to a setup client of this server" })
          yield* requireScope(v)
          return owner.clientId
        })

      /** checkSite's conditions on cached entries only; every refusal and every miss is left to checkSite. */
      const peekSite = (oxdId: string, token: string): string | undefined => {
        const site = sites.peek(oxdId)
        if (!site?.setupClientId) return undefined
        const setup = sites.peekSetup(site.setupClientId)
        if (!setup) return undefined
        const key = keyOf(token)
        const v = cache.get(key)
        const now = Date.now()
        // an entry due for refresh answers here only once introspectWith started the refresh
        if (!v || v.until <= now || (v.refreshAt <= now && !refreshing.has(key))) return undefined
        if (v.clientId !== setup.clientId || !v.scopes.includes(config.protection_scope)) return undefined
        cacheStats.hit("protection")
        return setup.clientId
      }

      return ProtectionGuard.of({
        peek: (protection, ctx, params) => {
          if (protection === "none" || !required(ctx)) return null
          const token = tokenOf(ctx, params)
          if (!token || protection !== "site") return undefined
          const oxdId = params["oxd_id"]
          return typeof oxdId === "string" ? peekSite(oxdId, token) : undefined
        },
        check: (protection, ctx, params) => {
          if (protection === "none" || !required(ctx)) return NONE
          const token = tokenOf(ctx, params)
          if (!token) return Effect.fail(new ProtectionTokenMissing())
          // no generator on the per-command path: plain flatMaps cost less, and every check below still runs
          if (protection === "site") return Effect.flatMap(sites.get(String(params["oxd_id"] ?? "")), (site) => checkSite(site, token))
          return checkRegister(params, token)
        },
        identify: (token, opHost) =>
          Effect.gen(function* () {
            if (!token) return yield* new ProtectionTokenMissing()
            const hosts = opHost ? [opHost] : yield* sites.setupOpHosts()
            let refusal: OxdError = new ProtectionTokenInvalid({ detail: "no setup client is registered at this OP: call setup_client first" })
            for (const host of hosts) {
              const setup = yield* sites.latestSetup(host)
              if (!setup) continue
              // a token of another OP is inactive (or unknown) here: try the next OP
              const v = yield* introspectWith(setup, token).pipe(
                Effect.catch((e: OxdError) => Effect.sync(() => { refusal = e })),
              )
              if (!v) continue
              const owner = yield* sites.findSetupByClientId(v.clientId)
              if (!owner) return yield* new ProtectionTokenInvalid({ detail: "the token was not issued to a setup client of this server" })
              yield* requireScope(v)
              return owner.clientId
            }
            return yield* refusal
          }),
      })
    }),
  )
}
