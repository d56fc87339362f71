import type { RestApiModel } from './api-model';

/**
 * The errors API Gateway answers itself, before or instead of the integration: their default status and
 * message, customized by the API's `aws_api_gateway_gateway_response` resources. Their templates are plain
 * substitution (not VTL), as on AWS.
 */

export type GatewayErrorType =
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'INVALID_SIGNATURE'
  | 'EXPIRED_TOKEN'
  | 'INVALID_API_KEY'
  | 'BAD_REQUEST_BODY'
  | 'BAD_REQUEST_PARAMETERS'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'REQUEST_TOO_LARGE'
  | 'THROTTLED'
  | 'QUOTA_EXCEEDED'
  | 'INTEGRATION_FAILURE'
  | 'INTEGRATION_TIMEOUT'
  | 'DEFAULT_5XX';

const DEFAULTS: Record<GatewayErrorType, { status: number; message: string }> = {
  MISSING_AUTHENTICATION_TOKEN: { status: 403, message: 'Missing Authentication Token' },
  INVALID_SIGNATURE: {
    status: 403,
    message:
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  },
  EXPIRED_TOKEN: { status: 403, message: 'Signature expired' },
  INVALID_API_KEY: { status: 403, message: 'Forbidden' },
  BAD_REQUEST_BODY: { status: 400, message: 'Invalid request body' },
  BAD_REQUEST_PARAMETERS: { status: 400, message: 'Invalid request parameters' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported Media Type' },
  REQUEST_TOO_LARGE: { status: 413, message: 'Request Too Long' },
  THROTTLED: { status: 429, message: 'Too Many Requests' },
  QUOTA_EXCEEDED: { status: 429, message: 'Limit Exceeded' },
  INTEGRATION_FAILURE: { status: 504, message: 'Internal server error' },
  INTEGRATION_TIMEOUT: { status: 504, message: 'Endpoint request timed out' },
  DEFAULT_5XX: { status: 502, message: 'Internal server error' },
};

export interface GatewayError {
  readonly type: GatewayErrorType;
  /** @default the type's default message */
  readonly message?: string;
  readonly validationErrorString?: string;
  /** @default the type's default status */
  readonly status?: number;
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The answer API Gateway gives for a gateway error, after the API's customizations. */
export function gatewayAnswer(api: RestApiModel, error: GatewayError, requestId: string): HttpAnswer {
  const defaults = DEFAULTS[error.type];
  const status = error.status ?? defaults.status;
  const message = error.message ?? defaults.message;
  const family = status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
  const custom = api.gatewayResponses[error.type] ?? api.gatewayResponses[family];
  const template = custom?.templates['application/json'] ?? '{"message":$context.error.messageString}';
  const jsonText = (text: string) => JSON.stringify(text).slice(1, -1);
  const body = template
    .replace(/\$context\.error\.messageString/g, JSON.stringify(message))
    .replace(/\$context\.error\.message/g, jsonText(message))
    .replace(/\$context\.error\.validationErrorString/g, jsonText(error.validationErrorString ?? ''))
    .replace(/\$context\.error\.responseType/g, error.type)
    .replace(/\$context\.requestId/g, requestId);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-errortype': error.type, 'x-amzn-requestid': requestId };
  for (const [name, value] of Object.entries(custom?.responseParameters ?? {})) {
    const header = name.replace(/^gatewayresponse\.header\./, '');
    if (/^'.*'$/s.test(value)) headers[header.toLowerCase()] = value.slice(1, -1);
  }
  return { status: Number(custom?.statusCode ?? status), headers, body };
}
