/** A setup client: the pair (OP, client_id) names it, since an OP may hand out a client_id another OP already has. */
export interface SetupClientRef {
  readonly opHost: string
  readonly clientId: string
}

/** What an edge knows about who is calling, beside the params. */
export interface CallContext {
  readonly transport: "tcp" | "https" | "ws" | "internal"
  /** A protection token from the transport (Authorization header, ws connection params); params may carry one too. */
  readonly protectionToken?: string | undefined
  /**
   * Overrides the transport's policy (services/transportProtection.ts) for an in-process caller; edges leave it unset
   * and the table decides (REST and ws always require a token; TCP only with protect_commands_with_access_token).
   */
  readonly requireProtection?: boolean | undefined
  readonly requestId: string
  readonly remoteAddress?: string | undefined
  /**
   * Which oxd API generation the call came through; unset is 3.1. "4" (the oxd 4.x REST API): register_site needs no
   * token and the new site is its own protection client, as oxd 4.x has no setup_client (CommandType.java:20,
   * RestResource.java:92-98; docs/compatibility.md, the 4.x section).
   */
  readonly api?: "4" | undefined
  /** Set by the protection guard: the setup client whose token authorised the call. */
  readonly setupClient?: SetupClientRef | undefined
}

/**
 * A context with every field, always written in this order, so all contexts share one hidden class: on Node 20's V8
 * a spread of the edge's object plus a field made a new hidden class per call (allocated in the old generation, and
 * every later read of the context a slow lookup): garbage in the old generation per command (bench/README.md).
 */
export const callContext = (
  edge: Omit<CallContext, "requestId" | "setupClient">,
  requestId: string,
  setupClient?: SetupClientRef | undefined,
): CallContext => ({
  transport: edge.transport,
  protectionToken: edge.protectionToken,
  requireProtection: edge.requireProtection,
  requestId,
  remoteAddress: edge.remoteAddress,
  api: edge.api,
  setupClient,
})
