import js from "@eslint/js"
import tseslint from "typescript-eslint"
export { appBoundaries, clientBoundaries, coreBoundaries } from "./boundaries.js"

/** The lint rules of every package: correctness first, and the conventions DESIGN.md asks for. */
export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.cache/**", "**/drizzle/**", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      "no-console": "off",
    },
  },
  {
    // tests may poke at loosely typed replies
    files: ["**/*.test.ts", "**/test-support/**", "**/test/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // configuration is read in one place; everything else gets it as a service
    files: ["packages/core/src/**/*.ts", "src/**/*.ts"],
    ignores: ["**/*.test.ts", "**/main.ts", "**/dev.ts", "**/test-support/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read configuration through OxdConfig (packages/core/src/config).",
        },
      ],
    },
  },
)
