// ESM under nodenext: each import must resolve to the ESM declarations (.d.mts) of its entry.
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import {
  createSecretsManagerRequestHandler,
  getSecretsManagerMockPlugin,
  mockSecretsManager,
  type SecretsManagerMock,
  SecretsStore,
  startSecretsManagerServer,
} from "secrets-manager-mock";
import { mock as registeredMock, store as registeredStore } from "secrets-manager-mock/register";
import { useSecretsManagerMock as useForJest, type SecretsManagerMatchers } from "secrets-manager-mock/jest";
import { secretsManagerMatchers, useSecretsManagerMock as useForVitest } from "secrets-manager-mock/vitest";
import { assertReceivedCommand, useSecretsManagerMock as useForNodeTest } from "secrets-manager-mock/node-test";

const client = new SecretsManagerClient({});
const mock: SecretsManagerMock = mockSecretsManager(client, { seed: 1 });
mockSecretsManager(SecretsManagerClient).restore();
client.middlewareStack.use(getSecretsManagerMockPlugin(mock.store));
const wired = new SecretsManagerClient({ requestHandler: createSecretsManagerRequestHandler(new SecretsStore()) });
const value: string | undefined = (await wired.send(new GetSecretValueCommand({ SecretId: "x" }))).SecretString;
const server = await startSecretsManagerServer({ port: 0 });
const url: string = server.url;
const registered: SecretsStore = registeredStore;
registeredMock.restore();
const hooks = { beforeEach: (fn: () => unknown) => void fn, afterEach: (fn: () => unknown) => void fn };
const jestHandle: SecretsStore = useForJest({ client }, hooks).store;
const vitestHandle: SecretsStore = useForVitest({ isolation: "fresh" }, hooks).store;
const nodeTestHandle: SecretsStore = useForNodeTest({ isolation: "fresh" }, hooks).store;
const assertion: (m: SecretsManagerMock, c: typeof GetSecretValueCommand) => void = assertReceivedCommand;
const matcher: SecretsManagerMatchers<void>["toHaveReceivedCommandTimes"] = (_command, _times) => undefined;
const matchers: object = secretsManagerMatchers;

// The types are real, not `any`: each of these is an error tsc must report.
// @ts-expect-error a number is not a client
mockSecretsManager(42);
// @ts-expect-error isolation is "reset" or "fresh"
useForVitest({ isolation: "shared" }, hooks);
// @ts-expect-error the store's region is a string
const region: number = mock.store.region;

export { value, url, registered, jestHandle, vitestHandle, nodeTestHandle, assertion, matcher, matchers, region };
