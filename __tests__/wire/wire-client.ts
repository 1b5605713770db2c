/** Raw awsJson1_1 calls for the wire tests: what a hand-written HTTP client would send. */
import { request as httpRequest } from "node:http";

/** A SigV4 `Authorization` header (not a valid signature: the mock reads only the scope). */
export function authorization(region: string): string {
  return `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/${region}/secretsmanager/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000`;
}

/** A raw response, body parsed as JSON when it is JSON. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** POSTs `body` (object → JSON text) to `url` as operation `operation` of Secrets Manager. */
export async function call(
  url: string,
  operation: string,
  body: unknown = {},
  options: { region?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = {
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": `secretsmanager.${operation}`,
    ...(options.region !== undefined && { authorization: authorization(options.region) }),
    ...options.headers,
  };
  const res = await fetch(`${url}/`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A request written with node:http, for bodies fetch won't send (chunked, lying lengths). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string | number>; chunks?: Buffer[] },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/`, { method: options.method ?? "POST", headers: options.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A valid ClientRequestToken (32..64 chars). */
export const token = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
