/**
 * Sends one HTTP request exactly as given, `Host` and `Origin` included (fetch() would set them
 * itself), the way a browser page or an attacker's script puts them on the wire.
 */
import { request } from "node:http";

/** A response as read off the wire. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends `method path` to `port` on 127.0.0.1 with exactly `headers`. */
export function rawRequest(port: number, method: string, path: string, headers: Record<string, string>, body = ""): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers, agent: false, setHost: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The names of the CORS headers among `headers`. */
export function corsHeaders(headers: RawResponse["headers"]): string[] {
  return Object.keys(headers).filter((name) => name.startsWith("access-control-"));
}
