/**
 * The services every way in hands to the operations (`dispatch(..., services)`): the rotation
 * invoker, which runs a registered rotation function through an SDK client answered by the same
 * store. It loads `rotation-runner.ts` (the SDK client and the middleware) on the first rotation
 * only: loading the package must not cost an SDK client's import.
 */
import type { OperationServices, RotationInvoker } from "../operations/context.js";

/** Runs a registered rotation function through a mocked client on the same store. */
export const invokeRotation: RotationInvoker = async (store, caller, fn, secretArn, token, steps) => {
  const { invokeRotationFunction } = await import("./rotation-runner.js");
  return invokeRotationFunction(SDK_SERVICES, store, caller, fn, secretArn, token, steps);
};

/** The services the package's ways in pass to `dispatch`. */
export const SDK_SERVICES: OperationServices = { invokeRotation };
