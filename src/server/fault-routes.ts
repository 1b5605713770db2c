/**
 * The fault routes of the local endpoint, as loopback routes (behind the same guard as the other
 * admin routes), so that processes in any language can set faults on a running `serve`:
 *
 * - `GET /_mock/faults`: the rules, how often each fired, latency and throttling.
 * - `POST /_mock/faults`: adds the rule in the JSON body (a `FaultRule` without `predicate`).
 * - `DELETE /_mock/faults`: removes every fault, latency and throttling.
 */
import type { IncomingMessage } from "node:http";
import { checkFaultRule, type FaultEngine } from "../faults/fault-engine.js";
import { sendJson } from "./http-responses.js";
import type { LoopbackRoute } from "./loopback-routes.js";

/** A rule is a few hundred bytes; anything much larger is not one. */
const MAX_RULE_BYTES = 16 * 1024;

class BodyTooLarge extends Error {}

function readSmallBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= max) chunks.push(chunk);
    });
    req.on("end", () => (size > max ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", reject);
  });
}

/** The fault routes over `engine`. */
export function faultRoutes(engine: FaultEngine): LoopbackRoute[] {
  const path = "/_mock/faults";
  return [
    {
      method: "GET",
      path,
      kind: "read",
      handle(req, res) {
        req.resume();
        sendJson(res, 200, engine.report());
      },
    },
    {
      method: "POST",
      path,
      kind: "mutate",
      async handle(req, res) {
        let text: string;
        try {
          text = await readSmallBody(req, MAX_RULE_BYTES);
        } catch (err) {
          if (!(err instanceof BodyTooLarge)) throw err;
          sendJson(res, 413, { message: `A fault rule is at most ${MAX_RULE_BYTES} bytes of JSON.` });
          return;
        }
        let rule;
        try {
          // JSON has no functions, so a rule from here never carries a predicate.
          rule = checkFaultRule(JSON.parse(text));
        } catch (err) {
          const message = err instanceof SyntaxError ? "The body is not valid JSON." : (err as Error).message;
          sendJson(res, 400, { message: `Invalid fault rule: ${message}` });
          return;
        }
        engine.add(rule);
        const added = engine.report().rules.at(-1)!;
        sendJson(res, 201, added);
      },
    },
    {
      method: "DELETE",
      path,
      kind: "mutate",
      handle(req, res) {
        req.resume();
        engine.reset();
        sendJson(res, 200, { status: "ok" });
      },
    },
  ];
}
