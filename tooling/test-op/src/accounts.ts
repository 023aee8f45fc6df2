import type { Account, FindAccount } from "oidc-provider"

export interface TestUser {
  readonly username: string
  readonly password: string
  /** Stable subject identifier; deliberately different from the username so clients can't confuse them. */
  readonly sub: string
  readonly claims: Readonly<Record<string, unknown>>
}

const updatedAt = 1_700_000_000

export const TEST_USERS: ReadonlyArray<TestUser> = Object.freeze([
  {
    username: "alice",
    password: "alice-password",
    sub: "248289761001",
    claims: {
      name: "Alice Example",
      given_name: "Alice",
      family_name: "Example",
      preferred_username: "alice",
      nickname: "ali",
      email: "alice@example.org",
      email_verified: true,
      picture: "https://example.org/avatars/alice.png",
      profile: "https://example.org/people/alice",
      website: "https://alice.example.org",
      locale: "en-US",
      zoneinfo: "Europe/Paris",
      phone_number: "+1 555 0100",
      phone_number_verified: true,
      address: { street_address: "1 Example Street", locality: "Springfield", postal_code: "12345", country: "US" },
      updated_at: updatedAt,
    },
  },
  {
    username: "bob",
    password: "bob-password",
    sub: "248289761002",
    claims: {
      name: "Bob Builder",
      given_name: "Bob",
      family_name: "Builder",
      preferred_username: "bob",
      email: "bob@example.org",
      email_verified: false,
      picture: "https://example.org/avatars/bob.png",
      locale: "en-GB",
      updated_at: updatedAt,
    },
  },
])

export function authenticate(username: string, password: string): TestUser | undefined {
  const user = TEST_USERS.find((u) => u.username === username)
  return user && user.password === password ? user : undefined
}

/** oidc-provider filters the returned claims by granted scopes/claims, so we return them all. */
export const findAccount: FindAccount = (_ctx, sub): Account | undefined => {
  const user = TEST_USERS.find((u) => u.sub === sub)
  if (!user) return undefined
  return {
    accountId: user.sub,
    claims: () => ({ sub: user.sub, ...user.claims }),
  }
}
