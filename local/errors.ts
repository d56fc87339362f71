/** A problem with the stack folder or its contents, worded for the person running the tool. */
export class LocalSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalSetupError';
  }
}
