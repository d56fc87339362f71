import { ApiGatewayGatewayResponse } from '@cdktf/provider-aws/lib/api-gateway-gateway-response';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayIntegrationResponse } from '@cdktf/provider-aws/lib/api-gateway-integration-response';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayMethodResponse } from '@cdktf/provider-aws/lib/api-gateway-method-response';
import { ApiGatewayModel } from '@cdktf/provider-aws/lib/api-gateway-model';
import { ApiGatewayRequestValidator } from '@cdktf/provider-aws/lib/api-gateway-request-validator';
import { ApiGatewayResource } from '@cdktf/provider-aws/lib/api-gateway-resource';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { mockIntegration, type ApiIntegration } from './api-integrations';
import { ApiStage, type ApiAccess, type ApiStageProps } from './api-stage';

export interface RestApiProps extends Pick<ApiStageProps, 'stageName' | 'region' | 'logRetentionDays' | 'throttle' | 'stageVariables' | 'accountRoleName'> {
  /** The deployed API name (already prefixed). */
  readonly restApiName: string;
  readonly description: string;
  /** Who may call every method (OPTIONS preflight aside). */
  readonly access: ApiAccess;
  /** `Access-Control-Allow-Origin` of every answer, and OPTIONS preflight methods; null for no CORS. */
  readonly corsAllowOrigin: string | null;
  /**
   * Where a caller whose body fails the model finds the expected format, e.g. `README.md, section 'The order API'`
   * (plain text without double quotes: it goes into a JSON string). @default none: the validation errors only
   */
  readonly bodyFormatHelp?: string;
}

export interface MethodProps {
  readonly integration: ApiIntegration;
  /** Query string parameters the request validator requires. @default none */
  readonly requiredQueryParameters?: readonly string[];
  /** The model the request validator checks an `application/json` body against. @default no body check */
  readonly requestModel?: ApiGatewayModel;
  /** Statuses a response template sets with `$context.responseOverride.status`. @default none */
  readonly overriddenStatusCodes?: readonly string[];
}

type MethodAuthorization = { readonly authorization: 'AWS_IAM' | 'NONE'; readonly apiKeyRequired?: boolean };

/** Headers a browser may send with a request to this API (SigV4 or an API key, and JSON bodies). */
const CORS_ALLOW_HEADERS = 'Authorization,Content-Type,X-Amz-Content-Sha256,X-Amz-Date,X-Amz-Security-Token,X-Api-Key';

/**
 * A REST API that is never deployed without its safeguards: every method authenticated (AWS_IAM, or an API key
 * with a usage plan), a request validator for bodies and parameters, error answers that say what was wrong, and
 * (in `deploy()`) a stage with throttling, access logs and tracing. Methods are added by path; `deploy()` adds
 * the CORS preflight methods and the deployment once every method is there.
 */
export class RestApi extends Construct {
  readonly api: ApiGatewayRestApi;
  readonly validator: ApiGatewayRequestValidator;
  private readonly resources = new Map<string, ApiGatewayResource>();
  private readonly methodsByPath = new Map<string, string[]>();
  private stage?: ApiStage;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: RestApiProps,
  ) {
    super(scope, id);
    this.api = new ApiGatewayRestApi(this, 'api', {
      name: props.restApiName,
      description: props.description,
      endpointConfiguration: { types: ['REGIONAL'] },
      ...(props.access === 'API_KEY' && { apiKeySource: 'HEADER' }),
    });
    this.validator = new ApiGatewayRequestValidator(this, 'validator', {
      restApiId: this.api.id,
      name: 'body-and-parameters',
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    this.addGatewayResponses();
  }

  /** The API's id, for ARNs and the invoke URL. */
  get restApiId(): string {
    return this.api.id;
  }

  /** A JSON schema (draft 4) model for request validation. */
  addModel(name: string, description: string, schema: object): ApiGatewayModel {
    if (!/^[A-Za-z0-9]+$/.test(name)) throw new Error(`Model name '${name}' is invalid: API Gateway allows letters and digits only.`);
    const model = new ApiGatewayModel(this, `model-${name}`, {
      restApiId: this.api.id,
      name,
      description,
      contentType: 'application/json',
      schema: JSON.stringify(schema),
    });
    return model;
  }

  /** Adds `httpMethod` on `path` (e.g. `/order`), authenticated as the API's access mode requires. */
  addMethod(path: string, httpMethod: 'GET' | 'POST' | 'PUT' | 'DELETE', props: MethodProps): ApiGatewayMethod {
    if (this.stage) throw new Error(`Cannot add ${httpMethod} ${path}: the API is already deployed. Add every method before calling deploy().`);
    const methods = this.methodsByPath.get(path) ?? [];
    if (methods.includes(httpMethod)) throw new Error(`${httpMethod} ${path} is already defined; define each method of a path once.`);
    this.methodsByPath.set(path, [...methods, httpMethod]);
    const authorization: MethodAuthorization =
      this.props.access === 'AWS_IAM' ? { authorization: 'AWS_IAM' } : { authorization: 'NONE', apiKeyRequired: true };
    return this.defineMethod(path, httpMethod, authorization, props);
  }

  /** The methods defined on a path, e.g. `['GET', 'POST']` for `/order` (OPTIONS too, once deploy() added it). */
  methodsOf(path: string): readonly string[] {
    return this.methodsByPath.get(path) ?? [];
  }

  /** Adds CORS preflight methods, then deploys the API to its stage. Call once, after every addMethod. */
  deploy(): ApiStage {
    if (this.stage) throw new Error('deploy() was already called; call it once, after adding every method.');
    if (this.props.corsAllowOrigin !== null) {
      for (const [path, methods] of [...this.methodsByPath.entries()]) this.addPreflight(path, methods);
    }
    this.stage = new ApiStage(this, 'stage', {
      api: this.api,
      apiName: this.props.restApiName,
      stageName: this.props.stageName,
      region: this.props.region,
      logRetentionDays: this.props.logRetentionDays,
      access: this.props.access,
      throttle: this.props.throttle,
      stageVariables: this.props.stageVariables,
      accountRoleName: this.props.accountRoleName,
      snapshot: this.definition(),
    });
    return this.stage;
  }

  /**
   * Everything of this API that a deployment snapshots: the API itself and every `aws_api_gateway_*` resource
   * defined under this construct so far (resources, methods, integrations and their responses, models, the
   * validator, gateway responses), found in the construct tree rather than listed by hand, so that a new kind
   * of resource is part of it without a change here. Called before the stage exists; Lambda permissions are not
   * API Gateway resources.
   */
  private definition(): TerraformResource[] {
    return this.node
      .findAll()
      .filter((c): c is TerraformResource => c instanceof TerraformResource && c.terraformResourceType.startsWith('aws_api_gateway_'));
  }

  private defineMethod(path: string, httpMethod: string, authorization: MethodAuthorization, props: MethodProps): ApiGatewayMethod {
    const id = `${httpMethod.toLowerCase()}${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
    const resourceId = this.resourceFor(path).id;
    const requestParameters = Object.fromEntries((props.requiredQueryParameters ?? []).map((p) => [`method.request.querystring.${p}`, true]));
    const validates = props.requestModel !== undefined || Object.keys(requestParameters).length > 0;
    const method = new ApiGatewayMethod(this, `${id}-method`, {
      restApiId: this.api.id,
      resourceId,
      httpMethod,
      ...authorization,
      ...(Object.keys(requestParameters).length > 0 && { requestParameters }),
      ...(props.requestModel && { requestModels: { 'application/json': props.requestModel.name } }),
      ...(validates && { requestValidatorId: this.validator.id }),
    });
    const { responses = [], invokedFunctionName, ...integrationProps } = props.integration;
    const integration = new ApiGatewayIntegration(this, `${id}-integration`, {
      restApiId: this.api.id,
      resourceId,
      httpMethod: method.httpMethod,
      ...integrationProps,
    });

    const cors = this.corsResponseParameters(httpMethod === 'OPTIONS' ? [...this.methodsOf(path), 'OPTIONS'] : undefined);
    const statusCodes = [...new Set([...responses.map((r) => r.statusCode), ...(props.overriddenStatusCodes ?? [])])].sort();
    const methodResponses = new Map(
      statusCodes.map((statusCode) => [
        statusCode,
        new ApiGatewayMethodResponse(this, `${id}-response-${statusCode}`, {
          restApiId: this.api.id,
          resourceId,
          httpMethod: method.httpMethod,
          statusCode,
          responseModels: { 'application/json': 'Empty' },
          ...(cors && { responseParameters: Object.fromEntries(Object.keys(cors).map((h) => [h, true])) }),
        }),
      ]),
    );
    responses.forEach((response, i) => {
      new ApiGatewayIntegrationResponse(this, `${id}-integration-response-${i}`, {
        restApiId: this.api.id,
        resourceId,
        httpMethod: method.httpMethod,
        statusCode: response.statusCode,
        ...(response.selectionPattern !== undefined && { selectionPattern: response.selectionPattern }),
        ...(response.responseTemplates && { responseTemplates: response.responseTemplates }),
        ...(cors && { responseParameters: cors }),
        dependsOn: [integration, methodResponses.get(response.statusCode) as ApiGatewayMethodResponse],
      });
    });

    if (invokedFunctionName !== undefined) {
      new LambdaPermission(this, `${id}-permission`, {
        statementId: `apigateway-${id}`,
        action: 'lambda:InvokeFunction',
        functionName: invokedFunctionName,
        principal: 'apigateway.amazonaws.com',
        // This stage, method and path only.
        sourceArn: `${this.api.executionArn}/${this.props.stageName}/${httpMethod}${path}`,
      });
    }
    return method;
  }

  /** The `method.response.header.*` mappings of CORS for a method (with Allow-Methods for a preflight). */
  private corsResponseParameters(preflightMethods?: readonly string[]): Record<string, string> | undefined {
    const origin = this.props.corsAllowOrigin;
    if (origin === null) return undefined;
    return {
      'method.response.header.Access-Control-Allow-Origin': `'${origin}'`,
      ...(preflightMethods && {
        'method.response.header.Access-Control-Allow-Methods': `'${[...new Set(preflightMethods)].sort().join(',')}'`,
        'method.response.header.Access-Control-Allow-Headers': `'${CORS_ALLOW_HEADERS}'`,
        'method.response.header.Access-Control-Max-Age': "'600'",
      }),
    };
  }

  /**
   * OPTIONS answers a browser's preflight with the path's methods and allowed headers. Browsers send it without
   * credentials, so it cannot require them; it is a MOCK that returns headers only and reaches no backend.
   */
  private addPreflight(path: string, methods: readonly string[]): void {
    this.defineMethod(path, 'OPTIONS', { authorization: 'NONE' }, { integration: mockIntegration('204') });
    this.methodsByPath.set(path, [...methods, 'OPTIONS']);
  }

  /** The resource of a path, creating its parents as needed. */
  private resourceFor(path: string): ApiGatewayResource {
    if (!/^(\/[A-Za-z0-9_-]+)+$/.test(path)) throw new Error(`Path '${path}' is invalid: use '/segment[/segment…]' of letters, digits, '-' and '_'.`);
    const existing = this.resources.get(path);
    if (existing) return existing;
    const parentPath = path.slice(0, path.lastIndexOf('/'));
    const parentId = parentPath === '' ? this.api.rootResourceId : this.resourceFor(parentPath).id;
    const resource = new ApiGatewayResource(this, `resource${path.replace(/\//g, '-')}`, {
      restApiId: this.api.id,
      parentId,
      pathPart: path.slice(path.lastIndexOf('/') + 1),
    });
    this.resources.set(path, resource);
    return resource;
  }

  /**
   * Errors API Gateway answers itself, as JSON with a message that says what to fix, and with the CORS header so
   * a browser can read them. (Gateway response templates are plain substitution, not VTL.)
   */
  private addGatewayResponses(): void {
    const origin = this.props.corsAllowOrigin;
    const responseParameters = origin === null ? undefined : { 'gatewayresponse.header.Access-Control-Allow-Origin': `'${origin}'` };
    const help = this.props.bodyFormatHelp;
    if (help !== undefined && /["\\$\n]/.test(help)) {
      throw new Error(`bodyFormatHelp '${help}' holds a double quote, backslash, '$' or line break; it goes into a JSON template as plain text.`);
    }
    const responses: Record<string, { statusCode?: string; template: string }> = {
      BAD_REQUEST_BODY: {
        statusCode: '400',
        template: `{"message": "The request body does not match the model: $context.error.validationErrorString. Fix the body${help === undefined ? '' : ` (the format is in ${help})`} and send it again."}`,
      },
      BAD_REQUEST_PARAMETERS: { statusCode: '400', template: '{"message": $context.error.messageString}' },
      DEFAULT_4XX: { template: '{"message": $context.error.messageString}' },
      DEFAULT_5XX: { template: '{"message": $context.error.messageString}' },
    };
    for (const [responseType, { statusCode, template }] of Object.entries(responses)) {
      new ApiGatewayGatewayResponse(this, `gateway-response-${responseType.toLowerCase()}`, {
        restApiId: this.api.id,
        responseType,
        ...(statusCode && { statusCode }),
        responseTemplates: { 'application/json': template },
        ...(responseParameters && { responseParameters }),
      });
    }
  }
}
