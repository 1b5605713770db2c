/**
 * No network, proven: for every operation, a command sent through a mocked client reaches none
 * of node:http/node:https `request`/`get`, `fetch`, node:net/node:tls connections or DNS, and never
 * the client's own `requestHandler` (which throws). Operations the mock does not implement fail
 * with UnsupportedOperationError, equally without touching the network.
 */
// Default imports are the modules themselves (an `import * as` namespace can't be spied on).
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import * as SM from "@aws-sdk/client-secrets-manager";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import * as lib from "secrets-manager-mock";
import { mockSecretsManager, OPERATION_NAMES, supportedOperations, UnsupportedOperationError } from "secrets-manager-mock";
import type { SecretsStore } from "secrets-manager-mock";
import { isAwsError, send } from "./harness";
import { fixtureStore, VALID_INPUTS } from "./valid-inputs";

const networkSpies = () => {
  const fail = (): never => {
    throw new Error("network touched");
  };
  const spies = [
    jest.spyOn(http, "request").mockImplementation(fail),
    jest.spyOn(http, "get").mockImplementation(fail),
    jest.spyOn(https, "request").mockImplementation(fail),
    jest.spyOn(https, "get").mockImplementation(fail),
    jest.spyOn(net, "connect").mockImplementation(fail),
    jest.spyOn(net, "createConnection").mockImplementation(fail),
    // The SDK's NodeHttpHandler holds its own reference to `request`: this is the spy that sees it.
    jest.spyOn(net.Socket.prototype, "connect").mockImplementation(function (this: net.Socket) {
      this.destroy();
      return fail();
    }),
    jest.spyOn(tls, "connect").mockImplementation(fail),
    jest.spyOn(dns, "lookup").mockImplementation(fail),
  ];
  if (typeof globalThis.fetch === "function")
    spies.push(jest.spyOn(globalThis, "fetch").mockImplementation(fail) as unknown as jest.SpyInstance);
  return spies;
};

/** A requestHandler that would be the SDK's way out to the network: it must never be called. */
function throwingHandler() {
  return {
    handle: jest.fn(() => {
      return Promise.reject(new Error("the client's requestHandler was called"));
    }),
  };
}

type MakeHandler = (store: SecretsStore) => unknown;
const makeRequestHandler = (lib as unknown as { createSecretsManagerRequestHandler?: MakeHandler }).createSecretsManagerRequestHandler;

interface Way {
  name: string;
  client(store: SecretsStore, handler: ReturnType<typeof throwingHandler>): SM.SecretsManagerClient;
}

const WAYS: Way[] = [
  {
    name: "mockSecretsManager(client)",
    client(store, handler) {
      const c = new SM.SecretsManagerClient({
        region: "eu-west-1",
        credentials: { accessKeyId: "a", secretAccessKey: "b" },
        requestHandler: handler as never,
      });
      mockSecretsManager(c, { store, region: "us-east-1" });
      return c;
    },
  },
  {
    name: "mockSecretsManager(SecretsManagerClient) (class-wide)",
    client(store, handler) {
      const m = mockSecretsManager(SM.SecretsManagerClient, { store, region: "us-east-1" });
      afterEachRestore.push(() => m.restore());
      return new SM.SecretsManagerClient({ requestHandler: handler as never });
    },
  },
];
if (makeRequestHandler !== undefined) {
  WAYS.push({
    name: "createSecretsManagerRequestHandler(store)",
    client(store) {
      return new SM.SecretsManagerClient({
        region: "us-east-1",
        credentials: { accessKeyId: "a", secretAccessKey: "b" },
        requestHandler: makeRequestHandler(store) as never,
      });
    },
  });
}

const afterEachRestore: Array<() => void> = [];
afterEach(() => {
  jest.restoreAllMocks();
  for (const f of afterEachRestore.splice(0)) f();
});

describe.each(WAYS.map((w) => [w.name, w] as const))("no network via %s", (_n, way) => {
  test.each(OPERATION_NAMES.map((op) => [op]))("%s calls nothing on the network", async (op) => {
    const { store } = fixtureStore();
    const handler = throwingHandler();
    const client = way.client(store, handler);
    const spies = networkSpies();
    let outcome: unknown;
    try {
      outcome = await send(client, op, VALID_INPUTS[op]);
    } catch (e) {
      outcome = e;
    }
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(handler.handle).not.toHaveBeenCalled();
    if (!supportedOperations().includes(op)) {
      expect(outcome).toBeInstanceOf(UnsupportedOperationError);
    } else if (outcome instanceof Error) {
      // An AWS error is fine (e.g. RotateSecret without a Lambda): what matters is where it came from.
      expect(isAwsError(outcome)).toBe(true);
    } else {
      expect((outcome as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(200);
    }
  });
});

test("control: the same spies do see an unmocked client reaching for the network", async () => {
  const spies = networkSpies();
  const client = new SM.SecretsManagerClient({
    region: "us-east-1",
    credentials: { accessKeyId: "a", secretAccessKey: "b" },
    maxAttempts: 1,
    // Short timers: the failed attempt leaves none running after the test.
    requestHandler: new NodeHttpHandler({ connectionTimeout: 100, requestTimeout: 100, socketAcquisitionWarningTimeout: 100 }),
  });
  await expect(client.send(new SM.ListSecretsCommand({}))).rejects.toThrow();
  client.destroy();
  expect(spies.some((s) => s.mock.calls.length > 0)).toBe(true);
});
