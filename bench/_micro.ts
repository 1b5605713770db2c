import { SecretsStore, ManualClock, dispatch } from "secrets-manager-mock";
async function main() {
  const store = new SecretsStore({ clock: new ManualClock("2024-01-01T00:00:00Z") });
  const caller = { accountId: store.accountId, region: store.region };
  dispatch(store, "CreateSecret", { Name: "bench", SecretString: "x" }, caller);
  const md = () => ({ httpStatusCode: 200, requestId: "x", attempts: 1, totalRetryDelay: 0 });
  const variants: [string, () => any][] = [
    ["dispatch", () => dispatch(store, "GetSecretValue", { SecretId: "bench" }, caller)],
    ["dispatch+spread", () => { const r = dispatch(store, "GetSecretValue", { SecretId: "bench" }, caller); return { ...r, $metadata: md() }; }],
    ["dispatch+assign", () => { const r = dispatch(store, "GetSecretValue", { SecretId: "bench" }, caller); const o: any = Object.assign({}, r); o.$metadata = md(); return o; }],
    ["describe", () => dispatch(store, "DescribeSecret", { SecretId: "bench" }, caller)],
    ["uuid", () => store.ids.uuid()],
  ];
  const tot = new Map<string, number[]>();
  const N = 20000;
  for (let r = 0; r < 30; r++) for (const [n, f] of r % 2 ? variants : [...variants].reverse()) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < N; i++) f();
    (tot.get(n) ?? tot.set(n, []).get(n)!).push(Number(process.hrtime.bigint() - t0) / N);
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  for (const [n, a] of tot) console.log(n.padEnd(18), med(a).toFixed(0));
}
main();
