import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalApi } from '../api-gateway';
import { LocalSetupError } from '../errors';

/**
 * The REST APIs of API Gateway through the edge, by the two URL forms LocalStack's users know: the path
 * `/restapis/<apiId>/<stage>/_user_request_/<path>` and the Host header `<apiId>.execute-api.localhost[:port]`
 * (then `/<stage>/<path>` as on AWS). The request goes, unchanged, to the API's own handler (the same one its own
 * port serves), which checks an AWS_IAM method's signature over the request line as the client sent it: sign the
 * edge URL, e.g. `curl --aws-sigv4 "aws:amz:us-east-1:execute-api"`.
 */

export interface RestApiTarget {
  readonly apiId: string;
  /** `/<stage>/<path>?<query>`: what the API routes by. */
  readonly routedUrl: string;
}

const HOST_FORM = /^([A-Za-z0-9-]+)\.execute-api\.localhost(?::\d+)?$/;
const PATH_FORM = /^\/restapis\/([^/?]+)\/([^/?]+)\/_user_request_(\/[^?]*)?(\?.*)?$/;

/** The REST API a request names by its Host header or its path, or undefined when it names none. */
export function restApiTarget(req: IncomingMessage): RestApiTarget | undefined {
  const url = req.url ?? '/';
  const host = HOST_FORM.exec(String(req.headers.host ?? ''));
  if (host) return { apiId: host[1], routedUrl: url };
  const path = PATH_FORM.exec(url);
  if (path) return { apiId: decodeURIComponent(path[1]), routedUrl: `/${path[2]}${path[3] ?? '/'}${path[4] ?? ''}` };
  return undefined;
}

/** The URLs of one REST API on the edge, for banners. */
export interface RestApiUrls {
  readonly apiId: string;
  readonly stage: string;
  /** `http://127.0.0.1:<port>/restapis/<apiId>/<stage>/_user_request_` */
  readonly pathUrl: string;
  /** `http://<apiId>.execute-api.localhost:<port>/<stage>` */
  readonly hostUrl: string;
}

export class RestApiRoutes {
  private readonly byId = new Map<string, LocalApi>();

  constructor(apis: readonly LocalApi[]) {
    for (const api of apis) {
      if (this.byId.has(api.api.id)) {
        throw new LocalSetupError(`Two REST APIs have the id ${api.api.id}, so one endpoint cannot tell which is meant; serve their stacks one at a time.`);
      }
      this.byId.set(api.api.id, api);
    }
  }

  urls(port: number): RestApiUrls[] {
    return [...this.byId.values()].map(({ api }) => ({
      apiId: api.id,
      stage: api.stageName,
      pathUrl: `http://127.0.0.1:${port}/restapis/${api.id}/${api.stageName}/_user_request_`,
      hostUrl: `http://${api.id}.execute-api.localhost:${port}/${api.stageName}`,
    }));
  }

  /** Serves a request that names a REST API; an unknown id is 404 with the ids that are served. */
  async serve(target: RestApiTarget, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const api = this.byId.get(target.apiId);
    if (api) return api.serve(req, res, target.routedUrl);
    const served = [...this.byId.keys()];
    const message = `No REST API with the id ${target.apiId} is served here; ${served.length > 0 ? `served: ${served.join(', ')}` : 'none is (serve skip-the-line to have the order API)'}.`;
    res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'NotFoundException' }).end(JSON.stringify({ message }));
  }

  get size(): number {
    return this.byId.size;
  }
}
