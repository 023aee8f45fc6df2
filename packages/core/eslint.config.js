import config, { coreBoundaries } from "@oxd/eslint-config"

export default [
  ...config,
  ...coreBoundaries,
  {
    // core's time is Effect's Clock (captured at layer build for synchronous reads), so TestClock moves all of it
    files: ["src/**/*.ts"],
    ignores: ["src/**/*.test.ts", "src/test-support/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "Date",
          property: "now",
          message:
            "Read time from Effect's Clock (yield* Clock.Clock at layer build, then clock.currentTimeMillisUnsafe()).",
        },
      ],
    },
  },
]
