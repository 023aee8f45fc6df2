/** Claims as lists of strings, the shape oxd 3.1 gives id_token_claims and get_user_info claims. */
export const toClaimLists = (claims: Record<string, unknown>): Record<string, ReadonlyArray<string>> =>
  Object.fromEntries(
    Object.entries(claims)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [
        k,
        (Array.isArray(v) ? v : [v]).map((x) => (typeof x === "object" ? JSON.stringify(x) : String(x))),
      ]),
  )
