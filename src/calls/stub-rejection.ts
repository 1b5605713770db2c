/**
 * The one failure of an answer hook (a stub) that is not an AWS error: recorded in the call
 * history as an error, thrown to the caller as the `Error` it holds. It lives with the call path
 * because `answerCall` and every way in must recognise it, whoever installed the hook.
 */
import { ServiceError } from "../errors.js";

/**
 * An `Error` a stub throws as it is (not an AWS error code): the way in records `recorded` in the
 * call history and throws `error` to the caller.
 * @internal
 */
export class StubRejection extends Error {
  readonly recorded: ServiceError;
  constructor(readonly error: Error) {
    super(error.message);
    this.recorded = new ServiceError(error.name, error.message);
  }
}
