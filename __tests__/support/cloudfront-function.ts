import { runInNewContext } from 'node:vm';

/** The distribution's own *.cloudfront.net name, as CloudFront puts it in the event's context. */
export const DISTRIBUTION_DOMAIN = 'd111111abcdef8.cloudfront.net';

/** What a viewer request carries besides its URI; headers as CloudFront gives them (lower-case names, each `{ value }`). */
export interface ViewerRequestParts {
  readonly headers: Record<string, { value: string }>;
  readonly querystring?: Record<string, { value: string }>;
  readonly cookies?: Record<string, { value: string }>;
}

/**
 * A viewer-request event as CloudFront passes it to a CloudFront Function (event structure version 1.0,
 * CloudFront developer guide, "CloudFront Functions event structure").
 */
export function viewerRequestEvent(uri: string, parts: ViewerRequestParts): Record<string, any> {
  return {
    version: '1.0',
    context: { distributionDomainName: DISTRIBUTION_DOMAIN, distributionId: 'EDFDVBD6EXAMPLE', eventType: 'viewer-request', requestId: 'EXAMPLEntjQpEXAMPLE_SG5Z-EXAMPLEPmPfEXAMPLEu3EqEXAMPLE==' },
    viewer: { ip: '198.51.100.11' },
    request: { method: 'GET', uri, querystring: parts.querystring ?? {}, headers: parts.headers, cookies: parts.cookies ?? {} },
  };
}

/** Runs a CloudFront Function's code in a fresh context, as its own realm, and returns what its handler returns for `event`. */
export function runCloudFrontFunction(code: string, event: Record<string, any>): Record<string, any> {
  return JSON.parse(runInNewContext(`${code}\nJSON.stringify(handler(${JSON.stringify(event)}));`, {}, { timeout: 1000 }) as string);
}
