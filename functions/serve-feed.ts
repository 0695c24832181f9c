/**
 * Function URL request (payload 2.0) -> the web app of `lib/http` -> reply. The store client is
 * created once per container and reused by every request it serves.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import { createApp } from '../lib/http/app.ts';
import type { Registry } from '../lib/registry/types.ts';
import type { ArticleStore } from '../lib/store/types.ts';
import { lambdaEnvironment } from './environment.ts';
import { perContainer } from './per-container.ts';
import { withPublicHost } from './public-host.ts';

type FeedHandler = (event: APIGatewayProxyEventV2, context?: Context) => Promise<APIGatewayProxyResultV2>;

export function createFeedHandler(deps: { store: ArticleStore; registry: Registry; baseUrl?: string }): FeedHandler {
  const lambdaHandler = handle(createApp(deps));
  type HonoEvent = Parameters<typeof lambdaHandler>[0];
  type HonoContext = Parameters<typeof lambdaHandler>[1];
  // hono types the events itself; a Function URL event is its API Gateway v2 shape.
  return async (event, context) =>
    (await lambdaHandler(withPublicHost(event) as unknown as HonoEvent, context as unknown as HonoContext)) as APIGatewayProxyResultV2;
}

const production = perContainer((): FeedHandler => {
  const { registry, store } = lambdaEnvironment();
  return createFeedHandler({ store, registry, baseUrl: process.env.PUBLIC_BASE_URL || undefined });
});

export const handler = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyResultV2> =>
  (await production())(event, context);
