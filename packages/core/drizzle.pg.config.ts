import { defineConfig } from "drizzle-kit"

// PostgreSQL migrations, kept in step with drizzle.config.ts's (schemaDrift.test.ts fails when one is missing)
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/store/schema.pg.ts",
  out: "./drizzle/pg",
})
