import { arns, LOCAL_ACCOUNT_ID } from '../aws-names';
import type { StackModel } from '../stack-model';
import { LocalSetupError } from '../errors';
import { blocksOf, readStackJson, type TfBlock } from '../synthesized';
import { addressOf, ReferenceResolver } from '../terraform-json';
import { compileModel, type BodyValidator } from './json-schema';

/**
 * A REST API as the synthesized `aws_api_gateway_*` resources describe it: its routes (path + method), how each
 * is authorized, validated and integrated, its stage and the errors the gateway answers itself. Read from the
 * same Terraform JSON that `terraform apply` deploys, so the local API routes exactly as the deployed one.
 */

export interface IntegrationResponseModel {
  readonly statusCode: string;
  readonly selectionPattern?: string;
  readonly templates: Readonly<Record<string, string>>;
  /** `method.response.header.X` → `'static value'` (or a mapping expression). */
  readonly responseParameters: Readonly<Record<string, string>>;
}

export interface IntegrationModel {
  readonly type: 'AWS' | 'AWS_PROXY' | 'MOCK' | 'HTTP' | 'HTTP_PROXY';
  readonly uri?: string;
  readonly requestTemplates: Readonly<Record<string, string>>;
  readonly passthroughBehavior: string;
  readonly responses: readonly IntegrationResponseModel[];
  /** `timeout_milliseconds`: 50 to 29,000, default 29,000 (API Gateway quotas, "Integration timeout" for REST APIs). */
  readonly timeoutMs: number;
  /** `credentials`: the role API Gateway assumes to call an AWS service (its ARN), when set. */
  readonly credentials?: string;
}

export interface RouteModel {
  readonly path: string;
  readonly httpMethod: string;
  readonly authorization: string;
  readonly apiKeyRequired: boolean;
  readonly requiredQueryParameters: readonly string[];
  readonly requiredHeaders: readonly string[];
  readonly validateBody: boolean;
  readonly validateParameters: boolean;
  /** The request models' checks by content type, each compiled once when the API is loaded. */
  readonly requestModels: Readonly<Record<string, BodyValidator>>;
  readonly integration: IntegrationModel;
}

export interface GatewayResponseModel {
  readonly statusCode?: string;
  readonly templates: Readonly<Record<string, string>>;
  readonly responseParameters: Readonly<Record<string, string>>;
}

export interface RestApiModel {
  readonly name: string;
  readonly id: string;
  readonly region: string;
  readonly stageName: string;
  readonly stageVariables: Readonly<Record<string, string>>;
  /** `GET /order` → route. */
  readonly routes: ReadonlyMap<string, RouteModel>;
  readonly gatewayResponses: Readonly<Record<string, GatewayResponseModel>>;
}

/** The id the local API Gateway gives the stack's one REST API (in its URL and its execute-api ARN). */
export const LOCAL_REST_API_ID = 'local';

const record = (value: unknown): Record<string, string> => (value && typeof value === 'object' ? (value as Record<string, string>) : {});

/** Reads the one REST API of a stack (with one stage). */
export function loadRestApi(model: StackModel): RestApiModel {
  const tf = readStackJson(model.stackDir);
  const apis = blocksOf(tf, 'aws_api_gateway_rest_api');
  if (apis.length !== 1) throw new LocalSetupError(`Stack ${model.stackId} has ${apis.length} REST APIs; the local API Gateway serves a stack with exactly one.`);
  const [apiKey, apiBlock] = apis[0];
  const apiName = String(apiBlock.name);
  const apiId = LOCAL_REST_API_ID;
  const resolver = new ReferenceResolver();
  resolver.define(addressOf('aws_api_gateway_rest_api', apiKey), {
    id: apiId,
    name: apiName,
    root_resource_id: '/',
    execution_arn: `arn:aws:execute-api:${model.region}:${LOCAL_ACCOUNT_ID}:${apiId}`,
  });
  for (const fn of model.functions) resolver.define(fn.address, { arn: fn.arn, function_name: fn.name, invoke_arn: `arn:aws:apigateway:${model.region}:lambda:path/2015-03-31/functions/${fn.arn}/invocations` });
  for (const sm of model.stateMachines) resolver.define(sm.address, { arn: sm.arn, name: sm.name, id: sm.arn });
  for (const [name, block] of blocksOf(tf, 'aws_iam_role')) resolver.define(addressOf('aws_iam_role', name), { arn: arns.role(String(block.name)), name: String(block.name) });
  for (const [name, block] of blocksOf(tf, 'aws_api_gateway_model')) resolver.define(addressOf('aws_api_gateway_model', name), { name: String(block.name), id: String(block.name) });
  for (const [name] of blocksOf(tf, 'aws_api_gateway_request_validator')) resolver.define(addressOf('aws_api_gateway_request_validator', name), { id: name });
  for (const [name] of blocksOf(tf, 'aws_api_gateway_deployment')) resolver.define(addressOf('aws_api_gateway_deployment', name), { id: name });

  // Resource paths, parents first.
  const resources = blocksOf(tf, 'aws_api_gateway_resource');
  const paths = new Map<string, string>();
  for (let pass = 0; pass <= resources.length && paths.size < resources.length; pass++) {
    for (const [name, block] of resources) {
      const address = addressOf('aws_api_gateway_resource', name);
      if (paths.has(address)) continue;
      try {
        const parent = resolver.resolveString(String(block.parent_id), `${address}.parent_id`);
        const path = `${parent === '/' ? '' : parent}/${String(block.path_part)}`;
        paths.set(address, path);
        resolver.define(address, { id: path, path });
      } catch {
        // The parent is not known yet; the next pass gets it.
      }
    }
  }
  if (paths.size < resources.length) throw new LocalSetupError(`Stack ${model.stackId}: some aws_api_gateway_resource parents could not be resolved.`);

  const methods = blocksOf(tf, 'aws_api_gateway_method');
  for (const [name, block] of methods) resolver.define(addressOf('aws_api_gateway_method', name), { http_method: String(block.http_method), id: name });
  const resolve = <T>(value: T, where: string): T => resolver.resolveDeep(value, where);
  const keyOf = (block: TfBlock, where: string) => `${resolve(String(block.http_method), where)} ${resolve(String(block.resource_id), where)}`;

  const validators = new Map(
    blocksOf(tf, 'aws_api_gateway_request_validator').map(([name, block]) => [name, { body: block.validate_request_body === true, params: block.validate_request_parameters === true }]),
  );
  const modelsByName = new Map(
    blocksOf(tf, 'aws_api_gateway_model').map(([name, block]) => [String(block.name), compileModel(JSON.parse(String(block.schema)), `aws_api_gateway_model.${name}`)]),
  );
  const integrations = new Map(blocksOf(tf, 'aws_api_gateway_integration').map(([name, block]) => [keyOf(block, `aws_api_gateway_integration.${name}`), block]));
  const responsesByKey = new Map<string, IntegrationResponseModel[]>();
  for (const [name, block] of blocksOf(tf, 'aws_api_gateway_integration_response')) {
    const where = `aws_api_gateway_integration_response.${name}`;
    const key = keyOf(block, where);
    responsesByKey.set(key, [
      ...(responsesByKey.get(key) ?? []),
      {
        statusCode: String(block.status_code),
        ...(typeof block.selection_pattern === 'string' && { selectionPattern: block.selection_pattern }),
        templates: resolve(record(block.response_templates), where),
        responseParameters: resolve(record(block.response_parameters), where),
      },
    ]);
  }

  const routes = new Map<string, RouteModel>();
  for (const [name, block] of methods) {
    const where = `aws_api_gateway_method.${name}`;
    const key = keyOf(block, where);
    const integration = integrations.get(key);
    if (!integration) throw new LocalSetupError(`${where} (${key}) has no aws_api_gateway_integration; API Gateway would refuse to deploy it.`);
    const validatorRef = typeof block.request_validator_id === 'string' ? resolve(block.request_validator_id, where) : undefined;
    const validator = validatorRef ? validators.get(validatorRef) : undefined;
    const params = Object.entries(record(block.request_parameters)).filter(([, required]) => (required as unknown) === true).map(([p]) => p);
    const requestModels = Object.fromEntries(
      Object.entries(resolve(record(block.request_models), where)).map(([type, modelName]) => {
        const validator = modelsByName.get(modelName);
        if (!validator && modelName !== 'Empty') throw new LocalSetupError(`${where} uses the model ${modelName}, which the stack does not define.`);
        return [type, validator ?? (() => [])];
      }),
    );
    routes.set(key, {
      path: key.split(' ')[1],
      httpMethod: key.split(' ')[0],
      authorization: String(block.authorization),
      apiKeyRequired: block.api_key_required === true,
      requiredQueryParameters: params.filter((p) => p.startsWith('method.request.querystring.')).map((p) => p.slice('method.request.querystring.'.length)),
      requiredHeaders: params.filter((p) => p.startsWith('method.request.header.')).map((p) => p.slice('method.request.header.'.length)),
      validateBody: validator?.body ?? false,
      validateParameters: validator?.params ?? false,
      requestModels,
      integration: {
        type: String(integration.type) as IntegrationModel['type'],
        ...(typeof integration.uri === 'string' && { uri: resolve(integration.uri, `${where} integration uri`) }),
        requestTemplates: resolve(record(integration.request_templates), `${where} integration`),
        passthroughBehavior: String(integration.passthrough_behavior ?? 'WHEN_NO_MATCH'),
        responses: responsesByKey.get(key) ?? [],
        timeoutMs: integrationTimeout(integration.timeout_milliseconds, where),
        ...(typeof integration.credentials === 'string' && { credentials: resolve(integration.credentials, `${where} integration credentials`) }),
      },
    });
  }

  const stages = blocksOf(tf, 'aws_api_gateway_stage');
  if (stages.length !== 1) throw new LocalSetupError(`Stack ${model.stackId} has ${stages.length} API stages; the local API Gateway serves exactly one.`);
  const [stageKey, stage] = stages[0];
  const gatewayResponses = Object.fromEntries(
    blocksOf(tf, 'aws_api_gateway_gateway_response').map(([name, block]) => [
      String(block.response_type),
      {
        ...(typeof block.status_code === 'string' && { statusCode: block.status_code }),
        templates: resolve(record(block.response_templates), `aws_api_gateway_gateway_response.${name}`),
        responseParameters: record(block.response_parameters),
      },
    ]),
  );
  return {
    name: apiName,
    id: apiId,
    region: model.region,
    stageName: String(stage.stage_name),
    stageVariables: resolve(record(stage.variables), `aws_api_gateway_stage.${stageKey}.variables`),
    routes,
    gatewayResponses,
  };
}

/** API Gateway's REST integration timeout, 50 ms to 29 s; Terraform leaves it unset for the default, 29 s. */
export const INTEGRATION_TIMEOUT_MS = { min: 50, max: 29_000 } as const;

function integrationTimeout(value: unknown, where: string): number {
  if (value === undefined || value === null) return INTEGRATION_TIMEOUT_MS.max;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < INTEGRATION_TIMEOUT_MS.min || value > INTEGRATION_TIMEOUT_MS.max) {
    throw new LocalSetupError(`${where}: integration timeout_milliseconds is ${JSON.stringify(value)}; API Gateway takes an integer from ${INTEGRATION_TIMEOUT_MS.min} to ${INTEGRATION_TIMEOUT_MS.max}.`);
  }
  return value;
}
