/**
 * The package's `dispatch` hands the operations the rotation invoker, as every way in does; the
 * operations' own `dispatch` without it refuses RotateSecret before changing anything.
 */
import { dispatch, SecretsStore } from "secrets-manager-mock";
import { dispatch as dispatchOperation } from "secrets-manager-mock/operations/index";

const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:rotate";

function storeWithSecret() {
  const store = new SecretsStore({ seed: 3, fixtures: { secrets: { db: { SecretString: "old" } } } });
  const steps: string[] = [];
  store.registerRotationFunction(LAMBDA, (event) => {
    steps.push(event.Step);
  });
  return { store, steps, caller: { accountId: store.accountId, region: store.region } };
}

test("dispatch(store, 'RotateSecret', ...) runs the registered rotation function", async () => {
  const { store, steps, caller } = storeWithSecret();
  const out = (await dispatch(store, "RotateSecret", { SecretId: "db", RotationLambdaARN: LAMBDA }, caller)) as { VersionId: string };
  expect(steps).toEqual(["createSecret", "setSecret", "testSecret", "finishSecret"]);
  expect(store.getSecret(caller.accountId, caller.region, "db")!.labels.get("AWSPENDING")).toBe(out.VersionId);
  expect(store.rotationFailures).toEqual([]);
});

test("the operations' dispatch without a rotation invoker refuses RotateSecret and changes nothing", async () => {
  const { store, steps, caller } = storeWithSecret();
  const before = JSON.stringify(store.exportState());
  await expect(dispatchOperation(store, "RotateSecret", { SecretId: "db", RotationLambdaARN: LAMBDA }, caller)).rejects.toThrow(
    "RotateSecret needs services.invokeRotation",
  );
  expect(JSON.stringify(store.exportState())).toBe(before);
  expect(steps).toEqual([]);
});
