import { beforeAll, describe, expect, it } from 'vitest';
import { capabilities, routeKey } from '../../functions/capabilities.ts';
import { functionOf, resourcesOf, SYNTH_TIMEOUT, synthService, TEST_CONTEXT, type Resource } from './fixture.ts';

let service: ReturnType<typeof synthService>;
let routes: Map<string, Resource>;

beforeAll(() => {
  service = synthService();
  routes = new Map(resourcesOf(service.statelessTemplate, 'AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey, r]));
}, SYNTH_TIMEOUT);

const allRoutes = capabilities.flatMap((capability) => capability.routes.map((route) => ({ capability, route, key: routeKey(route) })));
const resource = (logicalId: string) => service.statelessTemplate.toJSON().Resources[logicalId] as Resource;

describe('the HTTP API', () => {
  it('has exactly one route per capability route, and no others', () => {
    expect([...routes.keys()].sort()).toEqual(allRoutes.map((r) => r.key).sort());
    expect(resourcesOf(service.statelessTemplate, 'AWS::ApiGatewayV2::Route')).toHaveLength(allRoutes.length);
  });

  it('has one JWT authorizer with the issuer and audiences from the context', () => {
    const authorizers = resourcesOf(service.statelessTemplate, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]![1].Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: TEST_CONTEXT.jwtIssuer, Audience: ['credit-api', 'credit-portal'] },
    });
  });

  it.each(allRoutes.filter((r) => !r.route.public).map((r) => [r.key]))('%s requires a JWT', (key) => {
    const [authorizerId] = resourcesOf(service.statelessTemplate, 'AWS::ApiGatewayV2::Authorizer')[0]!;
    expect(routes.get(key)?.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
  });

  it.each(allRoutes.filter((r) => r.route.public).map((r) => [r.key]))('%s is public: no authorizer', (key) => {
    expect(routes.get(key)?.Properties.AuthorizationType).toBe('NONE');
    expect(routes.get(key)?.Properties.AuthorizerId).toBeUndefined();
  });

  it.each(allRoutes.map((r) => [r.key, r.capability.name, r.capability]))('%s reaches the %s function', (key, _name, capability) => {
    const target = routes.get(key)?.Properties.Target;
    const integrationId = target['Fn::Join'][1][1].Ref as string;
    const [fnId] = functionOf(service.statelessTemplate, capability);
    expect(resource(integrationId).Properties).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] },
    });
  });

  it.each(capabilities.map((c) => [c.name, c]))('lets API Gateway invoke the %s function once per route', (_name, capability) => {
    const [fnId] = functionOf(service.statelessTemplate, capability);
    const grants = resourcesOf(service.statelessTemplate, 'AWS::Lambda::Permission').filter(
      ([, p]) => p.Properties.Principal === 'apigateway.amazonaws.com' && p.Properties.FunctionName['Fn::GetAtt']?.[0] === fnId,
    );
    expect(grants).toHaveLength(capability.routes.length);
  });

  it('throttles the stage with the rate and burst from the context', () => {
    const stages = resourcesOf(service.statelessTemplate, 'AWS::ApiGatewayV2::Stage');
    expect(stages).toHaveLength(1);
    expect(stages[0]![1].Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 25, ThrottlingBurstLimit: 40 },
    });
  });

  it('writes JSON access logs with the request id to a log group with retention', () => {
    const settings = resourcesOf(service.statelessTemplate, 'AWS::ApiGatewayV2::Stage')[0]![1].Properties.AccessLogSettings;
    const logGroupId = settings.DestinationArn['Fn::GetAtt'][0] as string;
    expect(resource(logGroupId).Type).toBe('AWS::Logs::LogGroup');
    expect(resource(logGroupId).Properties.RetentionInDays).toBeGreaterThan(0);
    expect(JSON.parse(settings.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });

  it('sends no CORS headers', () => {
    const [, api] = resourcesOf(service.statelessTemplate, 'AWS::ApiGatewayV2::Api')[0]!;
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });

  it('outputs the API URL', () => {
    expect(Object.keys(service.statelessTemplate.findOutputs('ApiUrl'))).toHaveLength(1);
  });
});
