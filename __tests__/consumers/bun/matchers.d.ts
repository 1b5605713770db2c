/** The matchers typed on Bun's `expect`, as docs/testing.md tells a Bun user to write it. */
import type { SecretsManagerMatchers } from "secrets-manager-mock/jest";

declare module "bun:test" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Matchers<T> extends SecretsManagerMatchers<T> {}
}
