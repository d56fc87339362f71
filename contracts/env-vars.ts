/**
 * The environment variables the stacks set on the functions and the functions read: one name each, so neither
 * side can spell it differently. Imports nothing.
 */

/** The orders table (skip-the-line's put_item, get_item, delete_item). */
export const TABLE_NAME_VARIABLE = 'TABLE_NAME';
/** The invoice bucket (put_object, get_object). */
export const BUCKET_NAME_VARIABLE = 'BUCKET_NAME';
/** Seconds a presigned invoice URL stays valid (get_object; config skipTheLine.invoiceUrlExpirySeconds). */
export const URL_EXPIRY_VARIABLE = 'INVOICE_URL_EXPIRY_SECONDS';
/** The `Access-Control-Allow-Origin` a proxy function answers with (absent: no CORS headers). */
export const CORS_ORIGIN_VARIABLE = 'CORS_ALLOW_ORIGIN';
/** The `Access-Control-Allow-Methods` a proxy function answers with. */
export const CORS_METHODS_VARIABLE = 'CORS_ALLOW_METHODS';
/** The state machine the start-task function starts (task-status). */
export const STATE_MACHINE_ARN_VARIABLE = 'STATE_MACHINE_ARN';
/** The level of every function's Powertools logger (config lambdaLogLevel); the logger reads it itself. */
export const LOG_LEVEL_VARIABLE = 'POWERTOOLS_LOG_LEVEL';
