/**
 * The route table of the loopback-only routes: each route says whether it reads or changes state,
 * and {@link answerLoopbackRoute} puts it behind the server's {@link LoopbackGuard} before it runs.
 * Admin routes, the console's routes and fault routes are all entries of such a table, so none of
 * them can forget the guard.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LoopbackGuard, LoopbackRouteKind } from "./loopback-guard.js";

/** One loopback-only route. */
export interface LoopbackRoute {
  /** HTTP method, upper case. */
  method: string;
  /** The path it answers (without the query). */
  path: string;
  /** When true, every path starting with {@link path} is this route's (e.g. `/_mock/console/`). */
  prefix?: boolean;
  /** `mutate` for anything that changes the store or the server; `read` otherwise. */
  kind: LoopbackRouteKind;
  /** Also require the console's per-server token (see {@link LoopbackGuard.mutate}); mutate routes only. */
  requireToken?: boolean;
  /** Answers a request that passed the guard. `url` is the parsed request target. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): void | Promise<void>;
}

/** The route of `routes` that answers `method` on `path`, if any. */
export function findLoopbackRoute(routes: readonly LoopbackRoute[], method: string, path: string): LoopbackRoute | undefined {
  return routes.find((r) => r.method === method && (r.prefix ? path.startsWith(r.path) : path === r.path));
}

/**
 * Runs `route` for `req` if the guard lets it through; otherwise the guard has answered 403 and
 * the route's handler never runs.
 */
export async function answerLoopbackRoute(
  route: LoopbackRoute,
  guard: LoopbackGuard,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const allowed = route.kind === "read" ? guard.read(req, res) : guard.mutate(req, res, { requireToken: route.requireToken === true });
  if (allowed) await route.handle(req, res, url);
}
