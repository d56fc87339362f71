/**
 * A mock configuration in the shape of the Developer Guide's example ("Configuration file for mocked service
 * integrations", Mock configuration file structure; and "Using mocked service integrations for testing in Step
 * Functions Local", Step 1), with our own state machine, states, names and values: a Lambda invoke and an SNS publish,
 * a happy path, a path whose Lambda fails three times before it answers, and a hybrid path that mocks only the Lambda.
 */
export const ORDER_PIPELINE_MOCKS = {
  StateMachines: {
    OrderPipeline: {
      TestCases: {
        AllGood: { ChargeCard: 'ChargeApproved', NotifyShipping: 'PublishAccepted' },
        FlakyCharge: { ChargeCard: 'ChargeFlaky', NotifyShipping: 'PublishAccepted' },
        ChargeOnly: { ChargeCard: 'ChargeApproved' },
      },
    },
  },
  MockedResponses: {
    ChargeApproved: {
      '0': { Return: { StatusCode: 200, Payload: { approved: true, chargeId: 'ch-1001' } } },
    },
    ChargeDeclined: {
      '0': { Throw: { Error: 'CardDeclined', Cause: 'The issuer refused the charge.' } },
    },
    PublishAccepted: {
      '0': { Return: { MessageId: 'a3f9c2e0-0000-4000-8000-000000000001', SequenceNumber: '1' } },
    },
    ChargeFlaky: {
      '0': { Throw: { Error: 'Lambda.ServiceException', Cause: 'The service is unavailable.' } },
      '1-2': { Throw: { Error: 'Lambda.TooManyRequestsException', Cause: 'Rate exceeded.' } },
      '3': { Return: { StatusCode: 200, Payload: { approved: true, chargeId: 'ch-1002' } } },
    },
  },
} as const;

/** The same configuration as the JSON text a user would keep in MockConfigFile.json. */
export const ORDER_PIPELINE_MOCKS_TEXT = JSON.stringify(ORDER_PIPELINE_MOCKS, null, 2);
