/**
 * Where a check comes from. `reference`: what oxd 3.1.4 does, cited from its source (branch version_3.1.4; paths
 * shortened as in docs/compatibility.md: S/ = oxd-server/src/main/java/org/xdi/oxd/server/, C/ = oxd-common/…/common/,
 * H/ = oxd-https-extension/src/main/java/org/gluu/oxd/) or from a section of the oxd 3.1 documentation.
 * `hardening`: oxd-ts's stricter behaviour, with the standard or the threat it answers; a 3.1.4 server fails it.
 */
export type Source =
  | { readonly kind: "reference"; readonly citation: string }
  | { readonly kind: "hardening"; readonly reason: string }
  | { readonly kind: "reference-4"; readonly citation: string }

export type SourceKind = Source["kind"]

export const reference = (citation: string): Source => ({ kind: "reference", citation })
export const hardening = (reason: string): Source => ({ kind: "hardening", reason })
/**
 * What oxd 4.x does (GluuFederation/oxd `master`), cited from its source; paths shortened: S4/ =
 * oxd-server/src/main/java/org/gluu/oxd/server/, C4/ = oxd-common/src/main/java/org/gluu/oxd/common/. Checked only
 * by the `reference-4` profile: over the 4.x REST API (transport https4), and over tcp, https and ws, whose 3.1
 * envelope carries the 4.x commands too.
 */
export const reference4 = (citation: string): Source => ({ kind: "reference-4", citation })

/**
 * A source that differs per transport (e.g. REST, where the reference's https-extension answers otherwise):
 * `byTransport.https` for the https transport, `otherwise` (default: the scenario's source) for the others.
 */
export interface PerTransport {
  readonly byTransport: Readonly<Partial<Record<string, Source>>>
  readonly otherwise?: Source
}
export type SourceSpec = Source | PerTransport

export const byTransport = (sources: Readonly<Partial<Record<string, Source>>>, otherwise?: Source): PerTransport =>
  otherwise ? { byTransport: sources, otherwise } : { byTransport: sources }

export const isSourceSpec = (v: unknown): v is SourceSpec =>
  typeof v === "object" && v !== null && ("kind" in v || "byTransport" in v)

export const resolveSource = (spec: SourceSpec, transport: string, fallback: Source): Source =>
  "kind" in spec ? spec : (spec.byTransport[transport] ?? spec.otherwise ?? fallback)

/**
 * What a run checks. `reference`: only what oxd 3.1.4 does (hardening checks are not evaluated; a scenario that is
 * hardening as a whole is not in the profile); `strict`: everything of the 3.1 API, hardening included;
 * `reference-4`: only what oxd 4.x does, over its REST API (transport https4) and over the 3.1 API's transports.
 */
export type Profile = "reference" | "strict" | "reference-4"
/** The 3.1 API's profiles (over tcp, https, ws). */
export const PROFILES: ReadonlyArray<Profile> = ["reference", "strict"]
/** The 4.x API's (over https4, and tcp, https and ws: core's 4.x commands in the 3.1 envelope). */
export const PROFILES_4: ReadonlyArray<Profile> = ["reference-4"]
export const isProfile = (s: string): s is Profile => [...PROFILES, ...PROFILES_4].includes(s as Profile)

export const inProfile = (source: Source, profile: Profile): boolean =>
  profile === "reference-4"
    ? source.kind === "reference-4"
    : source.kind !== "reference-4" && (profile === "strict" || source.kind === "reference")

/** `reference: S/op/…java:12` / `hardening: RFC … (why)`, for reports. */
export const describeSource = (source: Source): string =>
  source.kind === "hardening" ? `hardening: ${source.reason}` : `${source.kind}: ${source.citation}`

/** One line on a profile, for the head of reports. */
export const describeProfile = (profile: Profile): string =>
  profile === "reference-4"
    ? "profile reference-4: only what oxd 4.x does is checked, over its REST API (https4) and, for its commands, over tcp, https and ws"
    : profile === "reference"
      ? "profile reference: only what oxd 3.1.4 does is checked; hardening checks are left out (--profile strict adds them)"
      : "profile strict: what oxd 3.1.4 does, and oxd-ts's hardening on top (a 3.1.4 server fails the hardening checks)"
