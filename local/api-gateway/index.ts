/** The local API Gateway: a stack's REST API served on 127.0.0.1 from its synthesized resources. */
export { startLocalApi, LOCAL_API_KEY, type LocalApi, type LocalApiOptions, type AccessLogLine } from './server';
export { loadRestApi, type RestApiModel, type RouteModel } from './api-model';
export { renderTemplate, escapeJavaScript, JavaString } from './vtl';
export { validateSchema } from './json-schema';
export { LOCAL_API_CREDENTIALS, verifySignature, type ReceivedRequest } from './sigv4';
