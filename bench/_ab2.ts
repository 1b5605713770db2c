import { GetSecretValueCommand, CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { SecretsStore, ManualClock, dispatch, secretsManagerMockMiddleware, secretsManagerMockMiddlewareOptions } from "secrets-manager-mock";
import { floorClient, newClient } from "./clients.js";
async function main() {
  const kind = (process.env.KIND ?? "default") as any;
  const store = new SecretsStore({ clock: new ManualClock("2024-01-01T00:00:00Z") });
  const caller = { accountId: store.accountId, region: store.region };
  dispatch(store, "CreateSecret", { Name: "bench", SecretString: "x" }, caller);
  const bare = newClient(kind); bare.middlewareStack.add(secretsManagerMockMiddleware(store, {}), secretsManagerMockMiddlewareOptions);
  const out = await bare.send(new GetSecretValueCommand({ SecretId: "bench" }));
  const f = floorClient(kind, { GetSecretValue: out });
  const fd = newClient(kind);
  fd.middlewareStack.add(() => async (args: any) => { dispatch(store, "GetSecretValue", args.input, caller); return { output: out as any, response: {} }; }, { step: "initialize", name: "fd", priority: "low" });
  const cs: [string, any][] = [["floor", f], ["floor+dispatch", fd], ["bare-mw", bare]];
  const tot = new Map<string, number[]>();
  const N = kind === "default" ? 100 : 2000;
  for (let r = 0; r < 60; r++) {
    for (const [n, c] of (r % 2 ? cs : [...cs].reverse())) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < N; i++) await c.send(new GetSecretValueCommand({ SecretId: "bench" }));
      const dt = Number(process.hrtime.bigint() - t0) / N;
      if (!tot.has(n)) tot.set(n, []); tot.get(n)!.push(dt);
    }
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const fl = tot.get("floor")!;
  for (const [n, a] of tot) console.log(kind, n, med(a).toFixed(0), "ratio", med(a.map((x, i) => x / fl[i])).toFixed(3), "diff", med(a.map((x, i) => x - fl[i])).toFixed(0));
}
main();
