import { z } from 'zod';

/** Who may call the order API. */
export const API_AUTHORIZATIONS = ['AWS_IAM', 'API_KEY'] as const;
export type ApiAuthorizationMode = (typeof API_AUTHORIZATIONS)[number];

/** Config section `skipTheLine` of `skip-the-line`, the coffee pre-ordering system. Every key is optional. */
export const skipTheLineSection = z
  .object({
    /** An e-mail address subscribed to the order topic (AWS sends it a confirmation first). @default none */
    notificationEmail: z.string().email().optional(),
    /**
     * How callers authenticate: AWS_IAM (SigV4-signed requests by an identity allowed `execute-api:Invoke`), or
     * API_KEY (an `x-api-key` header with the key the stack creates, limited by a usage plan). @default AWS_IAM
     */
    apiAuthorization: z
      .enum(API_AUTHORIZATIONS, { errorMap: () => ({ message: `must be one of ${API_AUTHORIZATIONS.join(', ')}` }) })
      .default('AWS_IAM'),
    /** Steady requests per second and burst the stage (and the usage plan) allow; above it callers get 429. */
    throttle: z
      .object({
        rateLimit: z.number().positive('must be more than 0').max(10_000, 'must be at most 10000 (the account default)').default(10),
        burstLimit: z.number().int('must be a whole number').min(1, 'must be at least 1').max(5_000, 'must be at most 5000').default(20),
      })
      .strict()
      .default({}),
    /**
     * The `Access-Control-Allow-Origin` the API answers with (and OPTIONS preflight methods for browsers), or null
     * for no CORS at all. @default '*'
     */
    corsAllowOrigin: z
      .string()
      .regex(/^(\*|https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?)$/, "must be '*' or an origin such as https://app.example.com")
      .nullable()
      .default('*'),
    /**
     * Set the account's API Gateway CloudWatch Logs role (`aws_api_gateway_account`), as the original does. It is
     * one setting per account and region: set false when another stack or deployment already manages it.
     * @default true
     */
    manageApiGatewayAccount: z.boolean().default(true),
    /** Seconds a presigned invoice URL of GET /invoice stays valid. @default 300 */
    invoiceUrlExpirySeconds: z.number().int('must be a whole number').min(60, 'must be at least 60').max(3600, 'must be at most 3600').default(300),
  })
  .strict()
  .default({});

export type SkipTheLineConfig = z.infer<typeof skipTheLineSection>;
