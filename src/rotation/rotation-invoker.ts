/**
 * The rotation invoker every way in hands to the operations (`dispatch(..., { invokeRotation })`).
 * It loads `invoke-rotation-function.ts`, which needs the SDK client and the middleware, on the
 * first rotation only: loading the package must not cost an SDK client's import.
 */
import type { OperationServices, RotationInvoker } from "../operations/context.js";

/** Runs a registered rotation function through a mocked client on the same store. */
export const invokeRotation: RotationInvoker = async (store, caller, fn, secretArn, token, steps) => {
  const { invokeRotationFunction } = await import("./invoke-rotation-function.js");
  return invokeRotationFunction(store, caller, fn, secretArn, token, steps);
};

/** The services the adapters pass to `dispatch`. */
export const ADAPTER_SERVICES: OperationServices = { invokeRotation };
