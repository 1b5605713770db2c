/**
 * The endpoint's response batch on a real node:http server: answers queued in one turn go out at
 * its end (their order on one connection: __tests__/wire/raw-http.test.ts), and a server that began closing in between says so on each of them.
 */
import { createServer, request, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ResponseBatch } from "secrets-manager-mock/server/http-responses";

let server: Server;
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A server whose every request is answered by `answer`; resolves with its port. */
async function serve(answer: (res: ServerResponse) => void): Promise<number> {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

function get(port: number): Promise<{ body: string; connection: string | undefined; length: string | undefined }> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ body, connection: res.headers.connection, length: res.headers["content-length"] }));
    })
      .on("error", reject)
      .end();
  });
}

test("a queued answer is written at the end of the turn, not when queued, with its length in bytes", async () => {
  let closing = false;
  const batch = new ResponseBatch(() => closing);
  const sentWhenQueued: boolean[] = [];
  const port = await serve((res) => {
    batch.send(res, { statusCode: 200, headers: { "content-type": "application/json" }, body: '{"Name":"naïve"}' });
    sentWhenQueued.push(res.headersSent);
    // Decided after queueing, before the end of the turn: the answer says so.
    closing = true;
  });
  const answer = await get(port);
  expect(sentWhenQueued).toEqual([false]);
  expect(answer).toEqual({ body: '{"Name":"naïve"}', connection: "close", length: String(Buffer.byteLength('{"Name":"naïve"}')) });
});

test("answers queued in one turn are all written, each on its own response", async () => {
  const batch = new ResponseBatch();
  let n = 0;
  const port = await serve((res) => {
    const i = ++n;
    batch.send(res, { statusCode: 200, headers: {}, body: new TextEncoder().encode(`answer ${i}`) });
  });
  const answers = await Promise.all(Array.from({ length: 20 }, () => get(port)));
  expect(answers.map((a) => a.body).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `answer ${i + 1}`).sort());
});

test("an answer whose response can't be written ends its connection, and the others still go out", async () => {
  const batch = new ResponseBatch();
  let n = 0;
  const port = await serve((res) => {
    // An invalid header value makes writeHead throw: that connection is cut, not the batch.
    const bad = ++n % 2 === 0;
    batch.send(res, { statusCode: 200, headers: bad ? { "x-bad": "a\nb" } : {}, body: "ok" });
  });
  const outcomes = await Promise.all(
    Array.from({ length: 6 }, () =>
      get(port).then(
        (a) => a.body,
        () => "cut",
      ),
    ),
  );
  expect(outcomes.filter((o) => o === "ok")).toHaveLength(3);
  expect(outcomes.filter((o) => o === "cut")).toHaveLength(3);
});
