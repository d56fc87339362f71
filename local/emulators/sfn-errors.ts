/** An error the Step Functions API answers with; `code` is AWS's error type (`ExecutionAlreadyExists`, …). */
export class SfnApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}
