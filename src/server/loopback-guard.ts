/**
 * The guard in front of every loopback-only route (admin routes, the console and its data routes,
 * fault routes, the Lambda extension endpoint).
 *
 * A port on 127.0.0.1 is reachable from every web page the developer has open. Two browser attacks
 * matter, and this module closes both:
 *
 * - DNS rebinding: a page on `evil.example` re-points its own name at 127.0.0.1 and then reads the
 *   mock's answers as same-origin. The browser still sends `Host: evil.example`, so only requests
 *   whose `Host` is a loopback name (or one the user allowed) are answered.
 * - Cross-site requests: any page can send a "simple" `POST` (no preflight) to 127.0.0.1; it can't
 *   read the answer, but the store would still change. Browsers put an `Origin` header on every
 *   such request, so a mutating route refuses one whose `Origin` is not the server's own. Clients
 *   that are not browsers (SDKs, curl, test harnesses) send no `Origin` and are unaffected.
 *
 * No route ever sends CORS headers, so no other origin can read an answer either.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/** Host names every loopback route answers to, whatever the port. */
export const LOOPBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

/** Header that carries the per-server token of the console's own actions (CSRF protection). */
export const CONSOLE_TOKEN_HEADER = "x-secrets-manager-mock-token";

/**
 * What a route does: `read` routes only need an allowed `Host`; `mutate` routes also refuse a
 * request whose `Origin` is another site's.
 */
export type LoopbackRouteKind = "read" | "mutate";

/** Options of {@link createLoopbackGuard}. */
export interface LoopbackGuardOptions {
  /**
   * Further host names to answer to (any port), e.g. a name in `/etc/hosts` or `host.docker.internal`.
   * Compared case-insensitively; an IPv6 address is written in brackets (`[fd00::1]`).
   */
  allowHosts?: readonly string[];
  /** The per-server token (default: 32 random bytes, base64url). Given only by tests that need a fixed one. */
  token?: string;
}

/** Extra checks of {@link LoopbackGuard.mutate}. */
export interface MutateCheckOptions {
  /**
   * Also require {@link CONSOLE_TOKEN_HEADER} to carry {@link LoopbackGuard.token}: for actions only the
   * console page sends (it got the token from the server), never for routes that scripts call.
   */
  requireToken?: boolean;
}

/** Why a request was refused; `undefined` from {@link LoopbackGuard.check} means it may go on. */
export interface GuardRefusal {
  statusCode: 403;
  message: string;
}

/** Checks requests to loopback routes; one per server. */
export interface LoopbackGuard {
  /** The per-server CSRF token the console page holds. */
  readonly token: string;
  /** The verdict on `req` for a route of `kind`, without answering it. */
  check(req: IncomingMessage, kind: LoopbackRouteKind, options?: MutateCheckOptions): GuardRefusal | undefined;
  /** True when `req` may read; otherwise answers 403 and returns false. */
  read(req: IncomingMessage, res: ServerResponse): boolean;
  /** True when `req` may change state; otherwise answers 403 (having changed nothing) and returns false. */
  mutate(req: IncomingMessage, res: ServerResponse, options?: MutateCheckOptions): boolean;
  /** True when `host` (a `Host` header value, or `host:port`) names this machine or an allowed name. */
  isAllowedHost(host: string | undefined): boolean;
}

const HOST_REFUSED =
  "Forbidden: this route answers only requests addressed to localhost, 127.0.0.1, [::1] or a host allowed with --allow-host (DNS rebinding protection).";
const ORIGIN_REFUSED = "Forbidden: a request from another origin may not change the mock's state.";
const TOKEN_REFUSED = `Forbidden: this action needs the console's token in the ${CONSOLE_TOKEN_HEADER} header.`;

/** `host[:port]` → lower-case host name, brackets kept for IPv6; undefined when unparsable. */
function hostName(authority: string): string | undefined {
  try {
    const url = new URL(`http://${authority}`);
    // A Host header is an authority only: anything that parses into a path, credentials or a
    // query is not one.
    if (url.host !== authority.toLowerCase().replace(/:80$/, "") || url.username !== "" || url.password !== "") return undefined;
    return url.hostname;
  } catch {
    return undefined;
  }
}

/** The `host:port` an authority denotes, normalised the way `URL` does (default port dropped). */
function normalisedAuthority(authority: string): string | undefined {
  try {
    return new URL(`http://${authority}`).host;
  } catch {
    return undefined;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
}

/** Whether `given` is `expected`, compared in constant time (a token may be a credential). */
export function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Creates the guard of one server. */
export function createLoopbackGuard(options: LoopbackGuardOptions = {}): LoopbackGuard {
  const allowed = new Set([...LOOPBACK_HOSTS, ...(options.allowHosts ?? []).map((h) => h.toLowerCase())]);
  const token = options.token ?? randomBytes(32).toString("base64url");

  function isAllowedHost(host: string | undefined): boolean {
    if (host === undefined) return false;
    const name = hostName(host);
    return name !== undefined && allowed.has(name);
  }

  function check(req: IncomingMessage, kind: LoopbackRouteKind, checkOptions: MutateCheckOptions = {}): GuardRefusal | undefined {
    const host = single(req.headers.host);
    if (!isAllowedHost(host)) return { statusCode: 403, message: HOST_REFUSED };
    if (kind === "read") return undefined;
    const origin = single(req.headers.origin);
    if (req.headers.origin !== undefined) {
      // `Origin: null` (sandboxed frames, file: pages) and anything unparsable are foreign too.
      let originHost: string | undefined;
      try {
        const url = new URL(origin ?? "");
        originHost = url.protocol === "http:" ? url.host : undefined;
      } catch {
        originHost = undefined;
      }
      if (originHost === undefined || originHost !== normalisedAuthority(host!)) return { statusCode: 403, message: ORIGIN_REFUSED };
    }
    if (checkOptions.requireToken && !sameToken(single(req.headers[CONSOLE_TOKEN_HEADER]), token)) {
      return { statusCode: 403, message: TOKEN_REFUSED };
    }
    return undefined;
  }

  function refuse(req: IncomingMessage, res: ServerResponse, refusal: GuardRefusal): false {
    // The body is never read: drain it so the connection can be reused.
    req.resume();
    const body = Buffer.from(refusal.message);
    res.writeHead(refusal.statusCode, {
      "content-type": "text/plain; charset=utf-8",
      "content-length": String(body.byteLength),
      "x-content-type-options": "nosniff",
    });
    res.end(body);
    return false;
  }

  return {
    token,
    check,
    isAllowedHost,
    read(req, res) {
      const refusal = check(req, "read");
      return refusal === undefined || refuse(req, res, refusal);
    },
    mutate(req, res, mutateOptions) {
      const refusal = check(req, "mutate", mutateOptions);
      return refusal === undefined || refuse(req, res, refusal);
    },
  };
}
