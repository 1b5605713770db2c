/**
 * The account a run against AWS would use, shown before the user confirms: STS GetCallerIdentity,
 * signed by the SecretsManagerClient's own SigV4 signer (its credentials from the SDK's default
 * chain) and sent through its own request handler, so no STS client or other package is needed.
 * GetCallerIdentity needs no permission and reads nothing but who the caller is.
 */
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { HttpRequest, HttpResponse } from "@smithy/types";

/** The STS endpoint of a region (`https://sts.<region>.amazonaws.com`; the China partition ends in `.com.cn`). */
function stsUrl(region: string): URL {
  return new URL(`https://sts.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}/`);
}

async function readBody(body: unknown): Promise<string> {
  if (body === undefined || body === null) return "";
  if (typeof body === "string") return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The caller's account id, or an error saying why it could not be found (no credentials, no
 * network, an SDK too old to expose its signer). `stsEndpoint` replaces STS's address (tests).
 */
export async function callerAccount(client: SecretsManagerClient, region: string, stsEndpoint?: string): Promise<string> {
  try {
    return await askSts(client, region, stsEndpoint);
  } catch (e) {
    const message = (e as Error).message;
    throw new Error(message.startsWith("STS GetCallerIdentity") ? message : `STS GetCallerIdentity: ${message}`, { cause: e });
  }
}

async function askSts(client: SecretsManagerClient, region: string, stsEndpoint: string | undefined): Promise<string> {
  const url = stsEndpoint !== undefined ? new URL(stsEndpoint) : stsUrl(region);
  const body = "Action=GetCallerIdentity&Version=2011-06-15";
  const request: HttpRequest = {
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port !== "" && { port: Number(url.port) }),
    path: url.pathname,
    query: {},
    headers: {
      host: url.host,
      "content-type": "application/x-www-form-urlencoded; charset=utf-8",
      "content-length": String(Buffer.byteLength(body)),
    },
    body,
  };
  const config = client.config as unknown as {
    signer?: () => Promise<{ sign(r: HttpRequest, o: { signingRegion: string; signingService: string }): Promise<HttpRequest> }>;
    requestHandler: { handle(r: HttpRequest): Promise<{ response: HttpResponse }> };
  };
  if (typeof config.signer !== "function") throw new Error("this version of @aws-sdk/client-secrets-manager does not expose its signer");
  const signer = await config.signer();
  const signed = await signer.sign(request, { signingRegion: region, signingService: "sts" });
  const { response } = await config.requestHandler.handle(signed);
  const text = await readBody(response.body);
  const account = /<Account>(\d{12})<\/Account>/.exec(text)?.[1];
  if (response.statusCode !== 200 || account === undefined) {
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
    throw new Error(`STS GetCallerIdentity answered HTTP ${response.statusCode}${code !== undefined ? ` (${code})` : ""}`);
  }
  return account;
}
