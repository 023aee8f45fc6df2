// the helper lives in the shared test kit (the other examples' Chromium tests use it too)
export { spkiHash } from "@oxd/testkit"
