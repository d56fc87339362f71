import { LOCAL_CREDENTIALS } from '../../../local';
import { signAndFetch } from '../../support/clients';

export interface SignedAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * A request signed as an SDK v3 client signs it (the local credentials, us-east-1), sent with fetch: for services
 * whose client is not installed here (Lambda: @aws-sdk/client-lambda is not a dependency) and for services the edge
 * does not serve.
 */
export function signedFetch(service: string, url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<SignedAnswer> {
  const signing = { service, region: 'us-east-1', credentials: LOCAL_CREDENTIALS };
  return signAndFetch(signing, init.method ?? 'POST', url, { ...(init.body !== undefined && { body: init.body }), ...(init.headers && { headers: init.headers }) });
}
