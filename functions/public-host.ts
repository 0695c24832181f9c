/**
 * The feed function sits behind CloudFront, which calls the Function URL by its own host. A
 * CloudFront Function copies the viewer's host into this header, so feed self links and OPML
 * name the public address.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export const PUBLIC_HOST_HEADER = 'x-wardfeed-host';

/** Host names only: letters, digits, dots, hyphens, an optional port. */
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$/i;

/** The event as if the viewer had called the function directly. */
export function withPublicHost<E extends APIGatewayProxyEventV2>(event: E): E {
  const host = event.headers?.[PUBLIC_HOST_HEADER];
  if (!host || !HOST.test(host)) return event;
  return {
    ...event,
    headers: { ...event.headers, host },
    requestContext: { ...event.requestContext, domainName: host },
  };
}
