import { ArnFormat, CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { CfnLoggingConfiguration, CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { WAF_REGION, type WebConfig } from './web-config.ts';

/**
 * The edge in front of everything public, always in us-east-1: the WAF WebACL, scope CLOUDFRONT, which
 * AWS only accepts there, with a per-IP rate-based rule scoped to `/v1/public/`. An HTTP API
 * (apigatewayv2) cannot carry a WebACL itself, so the ACL sits on the CloudFront distribution of the
 * web stack (lib/web-stack.ts), which routes `/v1/*` to the API.
 */

export const PUBLIC_PATH_PREFIX = '/v1/public/';

export interface EdgeStackProps extends StackProps {
  stage: string;
  config: WebConfig;
  /** The SSM parameter (in us-east-1) that carries the WebACL's ARN to the web stack. */
  parameterName: string;
}

/** The CloudFront-scoped WebACL: a per-IP rate limit on the public API, logged to CloudWatch. */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: WAF_REGION } });
    const { publicRateLimit, rateWindowSeconds } = props.config;
    const metric = (name: string) => ({ metricName: name, cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true });
    const problem = {
      type: 'about:blank',
      title: 'Too many requests',
      status: 429,
      detail: `At most ${publicRateLimit} public requests per ${rateWindowSeconds} s from one address`,
      errors: [],
    };

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `credit-${props.stage}-edge`,
      description: 'Credit service edge - per-IP rate limit on the public API',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: metric(`credit-${props.stage}-edge`),
      customResponseBodies: {
        'too-many-requests': { contentType: 'APPLICATION_JSON', content: JSON.stringify(problem) },
      },
      rules: [
        {
          name: 'public-rate-limit',
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'too-many-requests',
                responseHeaders: [{ name: 'retry-after', value: String(rateWindowSeconds) }],
              },
            },
          },
          visibilityConfig: metric(`credit-${props.stage}-public-rate-limit`),
          statement: {
            rateBasedStatement: {
              limit: publicRateLimit,
              evaluationWindowSec: rateWindowSeconds,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: PUBLIC_PATH_PREFIX,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
        },
      ],
    });

    // WAF requires the log group's name to start with aws-waf-logs-.
    const logs = new LogGroup(this, 'WafLogs', {
      logGroupName: `aws-waf-logs-credit-${props.stage}`,
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new CfnLoggingConfiguration(this, 'WafLogging', {
      resourceArn: this.webAcl.attrArn,
      // The destination is the log group's ARN without the trailing :* that LogGroup.logGroupArn carries.
      logDestinationConfigs: [this.formatArn({ service: 'logs', resource: 'log-group', resourceName: logs.logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    });

    new StringParameter(this, 'WebAclArn', {
      parameterName: props.parameterName,
      stringValue: this.webAcl.attrArn,
      description: 'ARN of the CloudFront WebACL, read by the web stack in the service region',
    });
    new CfnOutput(this, 'WebAclArnOutput', { value: this.webAcl.attrArn });
  }
}
