/** Test doubles for the parity command: a terminal in buffers, the project's endpoint, and a proxy that deviates on purpose. */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SecretsStore, startSecretsManagerServer, type SecretsManagerServer } from "secrets-manager-mock";
import type { ParityIo } from "../../src/parity/index";

/** A terminal whose output is kept and whose answers are given in advance. */
export interface BufferIo extends ParityIo {
  out: string[];
  err: string[];
  questions: string[];
  /** The Ctrl-C handler the command registered (undefined when none is registered). */
  interrupt: (() => void) | undefined;
  /** Everything written to stdout and stderr. */
  text(): string;
}

export function bufferIo(answer?: string): BufferIo {
  const io: BufferIo = {
    out: [],
    err: [],
    questions: [],
    interrupt: undefined,
    stdout: (t) => void io.out.push(t),
    stderr: (t) => void io.err.push(t),
    ask: (q) => {
      io.questions.push(q);
      return Promise.resolve(answer);
    },
    onInterrupt(handler) {
      io.interrupt = handler;
      return () => {
        io.interrupt = undefined;
      };
    },
    text: () => io.out.join("") + io.err.join(""),
  };
  return io;
}

/** The project's own endpoint on a free port, with a seeded store. */
export async function startServe(accountId?: string): Promise<SecretsManagerServer> {
  const store = new SecretsStore({ region: "us-east-1", seed: "parity", ...(accountId !== undefined && { accountId }) });
  return startSecretsManagerServer({ port: 0, store, console: false });
}

/** The answer an endpoint gave, as the proxy may rewrite it. */
export interface ProxiedAnswer {
  operation: string;
  status: number;
  body: Record<string, unknown>;
}

/** A deviation: rewrites an answer in place (or leaves it alone). */
export type Deviation = (answer: ProxiedAnswer) => void;

function collect(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/** An endpoint in front of `upstream` that answers like it, except where `deviate` changes the answer. */
export async function startDeviatingProxy(
  upstream: string,
  deviate: Deviation,
  /** Awaited before the n-th request (from 1) is forwarded: a test can hold a request there. */
  beforeForward?: (n: number) => Promise<void>,
): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(upstream);
  let count = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await collect(req);
      await beforeForward?.(++count);
      const upstreamRes = await new Promise<IncomingMessage>((resolve, reject) => {
        const r = httpRequest(
          {
            hostname: target.hostname,
            port: target.port,
            path: req.url,
            method: req.method,
            headers: { ...req.headers, host: target.host },
          },
          resolve,
        );
        r.on("error", reject);
        r.end(body);
      });
      const text = (await collect(upstreamRes)).toString("utf8");
      const operation = String(req.headers["x-amz-target"] ?? "").replace(/^secretsmanager\./, "");
      const answer: ProxiedAnswer = {
        operation,
        status: upstreamRes.statusCode ?? 500,
        body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
      };
      deviate(answer);
      const out = JSON.stringify(answer.body);
      const headers: Record<string, string> = {
        "content-type": "application/x-amz-json-1.1",
        "content-length": String(Buffer.byteLength(out)),
      };
      const requestId = upstreamRes.headers["x-amzn-requestid"];
      if (typeof requestId === "string") headers["x-amzn-requestid"] = requestId;
      if (typeof answer.body.__type === "string") headers["x-amzn-errortype"] = answer.body.__type;
      res.writeHead(answer.status, headers);
      res.end(out);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
