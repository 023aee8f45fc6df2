import { createClient } from "@libsql/client"
import pg from "pg"

/**
 * Runs SQL on a shared database outside the server, as an older version or an operator would (`?` placeholders on
 * both dialects). Not for `:memory:`: another connection sees another database.
 */
export const sqlOn = async (url: string, statement: string, args: ReadonlyArray<string | number | null> = []) => {
  if (url.startsWith("postgres")) {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      return (
        await client.query(
          statement.replace(/\?/g, (_, i: number) => `$${statement.slice(0, i).split("?").length}`),
          [...args],
        )
      ).rows as Array<Record<string, unknown>>
    } finally {
      await client.end()
    }
  }
  const client = createClient({ url })
  try {
    return (await client.execute({ sql: statement, args: [...args] })).rows as unknown as Array<Record<string, unknown>>
  } finally {
    client.close()
  }
}
