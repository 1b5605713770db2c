/**
 * The admin routes of the local endpoint, as loopback routes: `POST /moto-api/reset` (the route
 * moto's test harnesses call) and `GET /_mock/state`.
 */
import type { SecretsStore } from "../setup/secrets-store.js";
import { sendJson } from "./http-responses.js";
import type { LoopbackRoute } from "./loopback-routes.js";
import { toWireJson } from "../wire/wire-codec.js";

/** The admin routes serving `store`. */
export function adminRoutes(store: SecretsStore): LoopbackRoute[] {
  return [
    {
      method: "POST",
      path: "/moto-api/reset",
      kind: "mutate",
      handle(req, res) {
        req.resume();
        store.reset();
        sendJson(res, 200, { status: "ok" });
      },
    },
    {
      method: "GET",
      path: "/_mock/state",
      kind: "read",
      handle(req, res) {
        req.resume();
        sendJson(res, 200, toWireJson(store.exportState()));
      },
    },
  ];
}
