import { defineConfig } from "drizzle-kit"

// SQLite/libsql migrations; drizzle.pg.config.ts generates PostgreSQL's from schema.pg.ts (`pnpm db:generate`: both)
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/store/schema.ts",
  out: "./drizzle/sqlite",
})
