import { randomBytes } from "node:crypto"

/** UMA lifetimes in seconds. */
export interface UmaTtlOptions {
  /** Requesting party tokens. */
  RPT: number
  /** Permission tickets (from the permission endpoint, need_info and claims gathering). */
  PermissionTicket: number
  /** Persisted claims tokens. */
  PCT: number
}

export const DEFAULT_UMA_TTL: Readonly<UmaTtlOptions> = Object.freeze({
  RPT: 3600,
  PermissionTicket: 300,
  PCT: 30 * 86_400,
})

/** Claims known about the requesting party: pushed (claim_token), gathered (claims interaction) or from a PCT. */
export type Claims = Record<string, unknown>

/** A resource description (UMA FedAuthz §3.1) plus the resource server (client) that registered it. */
export interface UmaResource {
  _id: string
  /** client_id of the resource server whose PAT registered it. */
  owner: string
  resource_scopes: string[]
  name?: string
  description?: string
  icon_uri?: string
  type?: string
  /** Gluu extension: `{ rule: <JsonLogic>, data: [scopes] }`. Stored, not evaluated. */
  scope_expression?: { rule: unknown; data: unknown[] }
}

export interface Permission {
  resource_id: string
  resource_scopes: string[]
}

export interface Ticket {
  permissions: Permission[]
  /** The resource server that asked for the ticket. */
  owner: string
  /** Set once a client used the ticket chain at the token endpoint or the claims interaction endpoint. */
  clientId?: string
  /** Claims gathered for this ticket (claims interaction, earlier pushes). */
  claims: Claims
  expiresAt: number
}

export interface Rpt {
  clientId: string
  iat: number
  expiresAt: number
  permissions: Array<Permission & { expiresAt: number }>
}

export interface Pct {
  clientId: string
  claims: Claims
  expiresAt: number
}

/** Entries carry `expiresAt` (epoch ms); expired ones are never returned and dropped on access. */
export class ExpiringMap<V extends { expiresAt: number }> {
  readonly #entries = new Map<string, V>()

  get(key: string): V | undefined {
    const value = this.#entries.get(key)
    if (value && value.expiresAt <= Date.now()) {
      this.#entries.delete(key)
      return undefined
    }
    return value
  }

  /** get + delete: single use. */
  take(key: string): V | undefined {
    const value = this.get(key)
    this.#entries.delete(key)
    return value
  }

  set(key: string, value: V): void {
    this.#entries.set(key, value)
    if (this.#entries.size % 500 === 0) this.#sweep()
  }

  clear(): void {
    this.#entries.clear()
  }

  #sweep(): void {
    const now = Date.now()
    for (const [key, value] of this.#entries) if (value.expiresAt <= now) this.#entries.delete(key)
  }
}

export const randomId = (bytes = 32): string => randomBytes(bytes).toString("base64url")

/**
 * All UMA state, in memory. It lives outside any Provider instance, so it survives rotateKeys()
 * (which builds a new Provider over the same stores).
 */
export class UmaStore {
  readonly resources = new Map<string, UmaResource>()
  readonly tickets = new ExpiringMap<Ticket>()
  readonly rpts = new ExpiringMap<Rpt>()
  readonly pcts = new ExpiringMap<Pct>()
  ttl: UmaTtlOptions

  constructor(readonly initialTtl: Readonly<UmaTtlOptions>) {
    this.ttl = { ...initialTtl }
  }

  issueTicket(ticket: Omit<Ticket, "expiresAt">): string {
    const value = randomId()
    this.tickets.set(value, { ...ticket, expiresAt: Date.now() + this.ttl.PermissionTicket * 1000 })
    return value
  }

  issueRpt(clientId: string, permissions: Permission[], carried: Rpt["permissions"] = []): { value: string; rpt: Rpt } {
    const now = Date.now()
    const expiresAt = now + this.ttl.RPT * 1000
    const merged: Rpt["permissions"] = permissions.map((p) => ({
      ...p,
      resource_scopes: [...p.resource_scopes],
      expiresAt,
    }))
    for (const old of carried) {
      if (old.expiresAt <= now) continue
      const same = merged.find((p) => p.resource_id === old.resource_id)
      if (same) same.resource_scopes = [...new Set([...same.resource_scopes, ...old.resource_scopes])]
      else merged.push({ ...old, resource_scopes: [...old.resource_scopes] })
    }
    const rpt: Rpt = { clientId, iat: Math.floor(now / 1000), expiresAt, permissions: merged }
    const value = randomId()
    this.rpts.set(value, rpt)
    return { value, rpt }
  }

  issuePct(clientId: string, claims: Claims): string {
    const value = randomId()
    this.pcts.set(value, { clientId, claims, expiresAt: Date.now() + this.ttl.PCT * 1000 })
    return value
  }

  resourcesOf(owner: string): UmaResource[] {
    return [...this.resources.values()].filter((r) => r.owner === owner)
  }
}
