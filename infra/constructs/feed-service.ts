import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PUBLIC_HOST_HEADER } from '../../functions/public-host.ts';
import type { RegistryBundle } from '../registry-bundle.ts';
import { WardfeedFunction } from './wardfeed-function.ts';

export interface FeedServiceProps {
  table: dynamodb.ITable;
  registry: RegistryBundle;
  logRetention: logs.RetentionDays;
  /** Longest time CloudFront may keep a reply that asks to be cached. */
  maxCacheTtl?: Duration;
}

/**
 * CloudFront Function (viewer request): copies the public host into the header the feed function
 * reads (overwriting whatever a viewer sent), so feed self links and OPML name the CloudFront
 * address, not the Function URL behind it.
 */
const FORWARD_HOST_CODE = `function handler(event) {
  var request = event.request;
  if (request.headers.host) request.headers['${PUBLIC_HOST_HEADER}'] = { value: request.headers.host.value };
  return request;
}`;

/**
 * The feed function behind a Function URL that only CloudFront may call (IAM auth, signed by
 * Origin Access Control), cached by CloudFront according to the replies' own Cache-Control.
 */
export class FeedService extends Construct {
  readonly server: WardfeedFunction;
  readonly functionUrl: lambda.FunctionUrl;
  readonly distribution: cloudfront.Distribution;
  readonly cachePolicy: cloudfront.CachePolicy;

  constructor(scope: Construct, id: string, props: FeedServiceProps) {
    super(scope, id);

    this.server = new WardfeedFunction(this, 'Server', {
      handler: 'serve-feed',
      description: 'wardfeed: feeds, OPML and the query API',
      memorySize: 512,
      timeout: Duration.seconds(15),
      logRetention: props.logRetention,
      registry: props.registry,
      environment: {
        TABLE_NAME: props.table.tableName,
        POWERTOOLS_SERVICE_NAME: 'feed',
      },
    });
    props.table.grantReadData(this.server.role);

    this.functionUrl = this.server.fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

    this.cachePolicy = new cloudfront.CachePolicy(this, 'CachePolicy', {
      comment: 'wardfeed: honour the origin Cache-Control; every query parameter selects a different reply',
      // With min and default 0, only what the reply itself allows is cached.
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: props.maxCacheTtl ?? Duration.days(1),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const originRequestPolicy = new cloudfront.OriginRequestPolicy(this, 'OriginRequestPolicy', {
      comment: 'wardfeed: pass the public host to the feed function',
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(PUBLIC_HOST_HEADER),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
    });

    const forwardHost = new cloudfront.Function(this, 'ForwardHost', {
      comment: 'wardfeed: copy the public host for feed self links',
      code: cloudfront.FunctionCode.fromInline(FORWARD_HOST_CODE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'wardfeed feeds',
      defaultBehavior: {
        origin: origins.FunctionUrlOrigin.withOriginAccessControl(this.functionUrl),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
        compress: true,
        cachePolicy: this.cachePolicy,
        originRequestPolicy,
        functionAssociations: [{ function: forwardHost, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
    });
  }

  /** `https://<distribution>.cloudfront.net` */
  get baseUrl(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
