/**
 * The loopback routes of the sidecars' caches on the endpoint: `GET /_mock/sidecars` lists what
 * each sidecar has cached (keys, version ids, expiry; never values) and
 * `POST /_mock/sidecars/clear-caches` empties the caches, as restarting the sidecars would.
 */
import { sendJson } from "../server/http-responses.js";
import type { LoopbackRoute } from "../server/loopback-routes.js";
import type { SecretsManagerSidecarCaches } from "./sidecar-cache.js";

/** Path of the listing. */
const SIDECARS_PATH = "/_mock/sidecars";

/** The routes over `caches`. */
export function sidecarRoutes(caches: SecretsManagerSidecarCaches): LoopbackRoute[] {
  return [
    {
      method: "GET",
      path: SIDECARS_PATH,
      kind: "read",
      handle(req, res) {
        req.resume();
        sendJson(res, 200, { sidecars: caches.list() });
      },
    },
    {
      method: "POST",
      path: `${SIDECARS_PATH}/clear-caches`,
      kind: "mutate",
      handle(req, res) {
        req.resume();
        caches.clear();
        sendJson(res, 200, { status: "ok" });
      },
    },
  ];
}
