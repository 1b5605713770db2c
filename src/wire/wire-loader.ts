/**
 * The wire codec and handler as the in-process request handler reaches them: loaded on its first
 * request, so that importing the package (most users only use the middleware) does not load them.
 */
import type * as WireCodec from "./wire-codec.js";
import type * as WireHandler from "./wire-handler.js";

/** What the request handler uses of the wire modules. */
export type WireModules = Pick<typeof WireCodec, "bodyTooLargeError" | "DEFAULT_MAX_BODY_BYTES" | "encodeWireError"> &
  Pick<typeof WireHandler, "handleWireRequest">;

let loaded: WireModules | undefined;

/** The wire modules once loaded: every request after the first takes them without an `await`. */
export function loadedWireModules(): WireModules | undefined {
  return loaded;
}

/** Loads the wire modules (once; concurrent first requests share the same modules). */
export async function loadWireModules(): Promise<WireModules> {
  const [{ bodyTooLargeError, DEFAULT_MAX_BODY_BYTES, encodeWireError }, { handleWireRequest }] = await Promise.all([
    import("./wire-codec.js"),
    import("./wire-handler.js"),
  ]);
  return (loaded ??= { bodyTooLargeError, DEFAULT_MAX_BODY_BYTES, encodeWireError, handleWireRequest });
}
