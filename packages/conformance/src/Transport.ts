/** The oxd reply as every transport carries it. */
export type Envelope =
  | { readonly status: "ok"; readonly data: Record<string, unknown> }
  | { readonly status: "error"; readonly data: { readonly error: string; readonly error_description: string; readonly details?: unknown } }

/** How scenarios reach a server: one command in, one envelope out. Written per transport, never per scenario. */
export interface Transport {
  readonly name: string
  call(command: string, params: Record<string, unknown>): Promise<Envelope>
  close(): Promise<void>
}
