// CommonJS under nodenext: each import compiles to require() and must resolve to the CommonJS
// declarations (.d.cts) of its entry.
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ManualClock, mockSecretsManager, type SecretsManagerMock, SecretsStore } from "secrets-manager-mock";
import register = require("secrets-manager-mock/register");
import { useSecretsManagerMock as useForJest } from "secrets-manager-mock/jest";
import { useSecretsManagerMock as useForVitest, type SecretsManagerMockHandle } from "secrets-manager-mock/vitest";
import { assertReceivedAnyCommand, useSecretsManagerMock as useForNodeTest } from "secrets-manager-mock/node-test";

const clock = new ManualClock(new Date("2025-01-01T00:00:00Z"));
const mock: SecretsManagerMock = mockSecretsManager(new SecretsManagerClient({}), { clock });
const store: SecretsStore = register.store;
const hooks = { beforeEach: (fn: () => unknown) => void fn, afterEach: (fn: () => unknown) => void fn };
const forJest: SecretsManagerMockHandle = useForJest({}, hooks);
const forVitest: SecretsManagerMockHandle = useForVitest({}, hooks);

// @ts-expect-error restore() takes no argument
mock.restore(true);

const forNodeTest: SecretsStore = useForNodeTest({}, hooks).store;
const assertAny: (m: SecretsManagerMock) => void = assertReceivedAnyCommand;

export = { mock, store, forJest, forVitest, forNodeTest, assertAny };
