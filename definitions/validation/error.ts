/**
 * One problem in a definition, in the shape asl-validator gave (the validator this replaces) and callers (synth,
 * the local runner, the plan stub) read: AWS's error code (`SCHEMA_VALIDATION_FAILED`, `MISSING_TRANSITION_TARGET`, `MISSING_END_STATE`,
 * `INVALID_JSONATA_EXPRESSION`, `UNSUPPORTED_JSONATA_EXPRESSION`, …), a sentence, and the JSON pointer of the place.
 */
export interface AslValidatorError {
  readonly 'Error code': string;
  readonly Message: string;
  readonly path?: string;
}
