import { hash } from "node:crypto"
import { Context, Effect, Layer, Semaphore } from "effect"
import type { CallContext, SetupClientRef } from "../CallContext.js"
import type { Protection } from "../Command.js"
import { opLocation, type OpLocationParams } from "../commands/_shared/opLocation.js"
import { OxdConfig } from "../config/OxdConfig.js"
import { cacheStats } from "../observability/cacheStats.js"
import {
  InvalidIntrospectionResponse,
  NoSetupClientForSite,
  ProtectionTokenInactive,
  ProtectionTokenInvalid,
  ProtectionTokenMissing,
  type OxdError,
} from "../errors.js"
import { siteAuthMethod } from "./clientAuthMethods.js"
import { OpenIdProvider } from "./OpenIdProvider.js"
import { normalizeOpHost, requestedOpHost } from "./opHosts/opHost.js"
import { authorises, isOwnProtectionClient, scopeRefusal, setupClientIdOf, setupFound } from "./protectionRules.js"
import { SiteStore, type Site } from "./SiteStore.js"
import { presentedToken, protectionStep } from "./transportProtection.js"
import { VouchCache, type Vouched } from "./VouchCache.js"

/**
 * Decides whether a caller may run a protected command: the protection_access_token must be active at the
 * site's own OP, carry one of the protection scopes (protectionScope.ts), and have been issued to the site's setup
 * client there. A setup client is the pair (OP, client_id): an OP vouches only for its own clients, and another OP may
 * hand out the same client_id. Returns that setup client (register_site ties the new site to it).
 */
export class ProtectionGuard extends Context.Service<
  ProtectionGuard,
  {
    check(
      protection: Protection,
      ctx: CallContext,
      params: Record<string, unknown>,
    ): Effect.Effect<SetupClientRef | undefined, OxdError>
    /**
     * The setup client a protection token was issued to, checked as `check` does (active, the protection scope, a
     * setup client of this server at the OP that introspected it); introspected at `opHost`, else at each OP with a
     * setup client.
     */
    identify(token: string | undefined, opHost?: string): Effect.Effect<SetupClientRef, OxdError>
    /**
     * `check` answered from this instance's caches alone, synchronously, when they let it pass: the setup client,
     * or null when the command needs no token. undefined when the caches cannot say (a miss, an entry due
     * for refresh) or the call would be refused: then `check` must run (it refreshes, refuses, and says why).
     */
    peek(protection: Protection, ctx: CallContext, params: Record<string, unknown>): SetupClientRef | null | undefined
  }
>()("@oxd/core/ProtectionGuard") {
  static readonly layer = Layer.effect(
    ProtectionGuard,
    Effect.gen(function* () {
      const config = yield* OxdConfig
      const sites = yield* SiteStore
      const op = yield* OpenIdProvider
      const vouched = yield* VouchCache.make(config.protection_cache_seconds * 1000)
      /** Introspections of tokens not in the cache, at most this many at once per OP: a flood waits its turn. */
      const gates = new Map<string, Semaphore.Semaphore>()
      const gateOf = (opKey: string) => {
        let gate = gates.get(opKey)
        if (!gate) {
          gate = Semaphore.makeUnsafe(INTROSPECTIONS_IN_FLIGHT)
          gates.set(opKey, gate)
          if (gates.size > VouchCache.OPS_MAX) gates.delete(gates.keys().next().value!)
        }
        return gate
      }

      /** Tokens are kept by digest (never the token itself in the cache). */
      const digestOf = (token: string) => hash("sha256", token, "base64url")

      /** The OP's answer for a token, as `setup` (its credentials, its OP) obtains it, cached under that OP alone. */
      const introspectWith = (setup: Site, token: string): Effect.Effect<Vouched, OxdError> =>
        Effect.suspend(() => {
          const opKey = VouchCache.opKeyOf(setup)
          const digest = digestOf(token)
          if (vouched.isInactive(opKey, digest)) {
            cacheStats.hit("protection")
            return Effect.fail(new ProtectionTokenInactive())
          }
          // one introspection per token and OP at a time: callers that come meanwhile share its answer. In the last
          // tenth of the entry's life the OP is asked again in the background, so a burst never waits on an expired
          // entry; a token the OP no longer vouches for is then refused at once (rememberInactive drops the entry), and
          // an OP that cannot answer leaves the entry to serve out its life
          return vouched.get(opKey, digest, gateOf(opKey).withPermits(1)(introspectNow(setup, token, opKey, digest)))
        })
      const introspectNow = (setup: Site, token: string, opKey: string, digest: string) =>
        Effect.gen(function* () {
          const r = yield* op.introspect(
            {
              opHost: setup.opHost,
              opDiscoveryPath: setup.opDiscoveryPath,
              clientId: setup.clientId,
              clientSecret: setup.clientSecret,
              authMethod: siteAuthMethod(setup),
            },
            token,
          )
          if (r["active"] !== true) {
            vouched.rememberInactive(opKey, digest)
            return yield* new ProtectionTokenInactive()
          }
          if (typeof r["client_id"] !== "string")
            return yield* new InvalidIntrospectionResponse({ detail: "active token without client_id" })
          return {
            clientId: r["client_id"],
            scopes: typeof r["scope"] === "string" ? r["scope"].split(" ").filter(Boolean) : [],
            expiresAt: typeof r["exp"] === "number" ? r["exp"] * 1000 : Infinity,
          }
        })

      /** Which protection step a call takes (transportProtection.ts: the same decision on both roads). */
      const stepOf = (protection: Protection, ctx: CallContext, token: string | undefined) =>
        protectionStep(protection, ctx, token, config.protect_commands_with_access_token)
      const failIf = <E extends OxdError>(refusal: E | undefined) => (refusal ? Effect.fail(refusal) : Effect.void)
      /**
       * The setup client registered at `opHost` that an answer of that OP names, or the refusal. The scope is checked
       * first, as the reference does (ValidationService.java:138-146; audit X18).
       */
      const ownerAt = (opHost: string, v: Vouched): Effect.Effect<Site, OxdError> =>
        Effect.flatMap(failIf(scopeRefusal(v, config.protection_scope)), () =>
          Effect.flatMap(sites.findSetup(opHost, v.clientId), (owner): Effect.Effect<Site, OxdError> =>
            owner
              ? Effect.succeed(owner)
              : Effect.fail(
                  new ProtectionTokenInvalid({
                    detail: "the token was not issued to a setup client of this server at this OP",
                  }),
                ),
          ),
        )

      const NONE = Effect.succeed(undefined)
      /** The site's rules (protectionRules.ts) on the stores and the OP: each refusal is this road's failure. */
      const checkSite = (site: Site, token: string): Effect.Effect<Site, OxdError> => {
        const setupClientId = setupClientIdOf(site)
        if (typeof setupClientId !== "string") return Effect.fail(setupClientId)
        const checkWith = (setup: Site): Effect.Effect<Site, OxdError> =>
          Effect.flatMap(introspectWith(setup, token), (v): Effect.Effect<Site, OxdError> => {
            const refusal = authorises(v, setup, config.protection_scope)
            return refusal ? Effect.fail(refusal) : Effect.succeed(setup)
          })
        // a site that is its own protection client (oxd 4.x) asks its own OP with its own credentials
        if (isOwnProtectionClient(site)) return checkWith(site)
        // the site's setup client is the one at the site's own OP: only that OP can vouch for the token
        return Effect.flatMap(sites.findSetup(site.opHost, setupClientId), (found): Effect.Effect<Site, OxdError> => {
          const setup = setupFound(found)
          return setup instanceof NoSetupClientForSite ? Effect.fail(setup) : checkWith(setup)
        })
      }
      const checkRegister = (params: Record<string, unknown>, token: string) =>
        Effect.gen(function* () {
          // register: no site yet; a setup client of the site's OP asks that OP whose token this is, and only a setup
          // client registered at that same OP can own the new site
          // the OP register_site registers at: op_configuration_endpoint's when given (oxd 4.x), else op_host's
          const located =
            typeof params["op_configuration_endpoint"] === "string" && params["op_configuration_endpoint"] !== ""
              ? yield* opLocation(params as OpLocationParams, config).pipe(Effect.orElseSucceed(() => undefined))
              : undefined
          const asGiven = located?.opHost ?? requestedOpHost(params["op_host"], config)
          const opHost = asGiven && normalizeOpHost(asGiven)
          const anySetup = opHost ? yield* sites.latestSetup(opHost) : undefined
          if (!opHost || !anySetup)
            return yield* new ProtectionTokenInvalid({
              detail: "no setup client is registered at this OP: call setup_client first",
            })
          return yield* ownerAt(opHost, yield* introspectWith(anySetup, token))
        })

      /** checkSite's rules (protectionRules.ts) on cached entries only; every refusal and every miss is left to checkSite. */
      const peekSite = (oxdId: string, token: string): Site | undefined => {
        const site = sites.peek(oxdId)
        if (!site) return undefined
        const setupClientId = setupClientIdOf(site)
        if (typeof setupClientId !== "string") return undefined
        const setup = isOwnProtectionClient(site) ? site : sites.peekSetup(site.opHost, setupClientId)
        if (!setup) return undefined
        // an entry due for refresh answers here only once introspectWith started the refresh (peek counts the hit)
        const v = vouched.peek(VouchCache.opKeyOf(setup), digestOf(token))
        if (!v) return undefined
        if (authorises(v, setup, config.protection_scope)) return undefined
        return setup
      }

      return ProtectionGuard.of({
        peek: (protection, ctx, params) => {
          const token = presentedToken(ctx.transport, ctx.protectionToken, params)
          switch (stepOf(protection, ctx, token)) {
            case "pass":
              return null
            case "missing":
              return undefined
            case "register":
              return undefined
            case "site": {
              const oxdId = params["oxd_id"]
              return typeof oxdId === "string" ? peekSite(oxdId, token!) : undefined
            }
          }
        },
        check: (protection, ctx, params) => {
          const token = presentedToken(ctx.transport, ctx.protectionToken, params)
          // no generator on the per-command path: plain flatMaps cost less, and every check below still runs
          switch (stepOf(protection, ctx, token)) {
            case "pass":
              return NONE
            case "missing":
              return Effect.fail(new ProtectionTokenMissing())
            case "register":
              return checkRegister(params, token!)
            case "site":
              return Effect.flatMap(sites.get(String(params["oxd_id"] ?? "")), (site) => checkSite(site, token!))
          }
        },
        identify: (token, opHost) =>
          Effect.gen(function* () {
            if (!token) return yield* new ProtectionTokenMissing()
            const hosts = opHost ? [normalizeOpHost(opHost)] : yield* sites.setupOpHosts()
            let refusal: OxdError = new ProtectionTokenInvalid({
              detail: "no setup client is registered at this OP: call setup_client first",
            })
            for (const host of hosts) {
              const setup = yield* sites.latestSetup(host)
              if (!setup) continue
              // a token of another OP is inactive (or unknown) here: try the next OP
              const v = yield* introspectWith(setup, token).pipe(
                Effect.catch((e: OxdError) =>
                  Effect.sync(() => {
                    refusal = e
                  }),
                ),
              )
              if (!v) continue
              // the owner is looked up at the OP that vouched, never at another one
              return yield* ownerAt(host, v)
            }
            return yield* refusal
          }),
      })
    }),
  )
}

/** Per OP; each waits at most for the OP's own timeout. */
const INTROSPECTIONS_IN_FLIGHT = 16
