import { TerraformStack, Testing } from 'cdktf';
import { HostGuardFunction } from '../constructs/edge/host-guard-function';
import { viewerRequestFunction } from '../constructs/edge/viewer-request-function';
import { EdgeStack } from '../stacks/edge-stack';
import { DISTRIBUTION_DOMAIN, runCloudFrontFunction, viewerRequestEvent } from './support/cloudfront-function';
import { testConfig } from './support/fixtures';
import { onlyResource, synthStack } from './support/synth';

/** A viewer request for `uri` with `host` as its Host header (none when undefined). */
function viewerRequest(host: string | undefined, uri = '/'): Record<string, any> {
  return viewerRequestEvent(uri, {
    querystring: { page: { value: '2' } },
    headers: { ...(host === undefined ? {} : { host: { value: host } }), 'user-agent': { value: 'Mozilla/5.0' }, accept: { value: 'text/html' } },
    cookies: { session: { value: 'abc123' } },
  });
}


/** The code of the only CloudFront Function of a stack holding a HostGuardFunction for `allowedHosts`. */
function guardCode(allowedHosts: string[]): string {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new HostGuardFunction(stack, 'host-guard', { name: 'host-guard', allowedHosts });
  return onlyResource(synthStack(stack), 'aws_cloudfront_function').code as string;
}

/** `host` in lower, UPPER and MiXed case, each bare and with the ports viewers may add. */
function spellings(host: string): string[] {
  const mixed = [...host].map((char, index) => (index % 2 === 0 ? char.toUpperCase() : char)).join('');
  return [host, host.toUpperCase(), mixed].flatMap((name) => [name, `${name}:443`, `${name}:80`]);
}

const FORBIDDEN = { statusCode: 403, statusDescription: 'Forbidden' };

describe('host guard function in the edge stack', () => {
  const config = testConfig((input) => {
    input.domain = 'shop.example.org';
    input.dns = { subjectAlternativeNames: ['www.shop.example.org', 'm.shop.example.org'] };
  });
  const json = synthStack(new EdgeStack(Testing.app(), config));
  const fn = onlyResource(json, 'aws_cloudfront_function');
  const code = fn.code as string;

  it('is a cloudfront-js-2.0 function, published, within the 10 KB CloudFront Functions size quota', () => {
    expect(fn).toMatchObject({ runtime: 'cloudfront-js-2.0', publish: true });
    expect(Buffer.byteLength(code)).toBeLessThan(10 * 1024);
  });

  const own = ['shop.example.org', 'www.shop.example.org', 'm.shop.example.org'].flatMap(spellings);
  it.each(own)('passes a request for %s through unchanged', (host) => {
    const event = viewerRequest(host, '/products/?id=1');
    expect(runCloudFrontFunction(code, event)).toEqual(viewerRequest(host, '/products/?id=1').request);
  });

  it.each([
    ['the distribution\'s own *.cloudfront.net name', DISTRIBUTION_DOMAIN],
    ['the distribution\'s own name with a port', `${DISTRIBUTION_DOMAIN}:443`],
    ['another site', 'example.com'],
    ['the parent domain', 'example.org'],
    ['a name under a site name', 'evil.www.shop.example.org'],
    ['a prefix trick', 'evil-www.shop.example.org'],
    ['a suffix trick', 'www.shop.example.org.evil.test'],
    ['a site name as a port', 'evil.test:www.shop.example.org'],
    ['a site name with a trailing garbage port', 'www.shop.example.org:443x'],
    ['an IP address', '203.0.113.10'],
    ['an empty Host', ''],
  ])('answers 403 to %s (%s)', (_, host) => {
    expect(runCloudFrontFunction(code, viewerRequest(host))).toEqual(FORBIDDEN);
  });

  it('answers 403 to a request without a Host header', () => {
    expect(runCloudFrontFunction(code, viewerRequest(undefined))).toEqual(FORBIDDEN);
  });
});

describe('host guard function', () => {
  it('compares the configured names in any case', () => {
    const code = guardCode(['Site.Example.COM']);
    expect(runCloudFrontFunction(code, viewerRequest('site.example.com')).uri).toBe('/');
    expect(runCloudFrontFunction(code, viewerRequest('SITE.EXAMPLE.COM:443')).uri).toBe('/');
    expect(runCloudFrontFunction(code, viewerRequest('other.example.com'))).toEqual(FORBIDDEN);
  });
});

describe('viewer-request function', () => {
  it('keeps each given line a line of its code, so a line comment ends where its line does', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    viewerRequestFunction(stack, {
      name: 'add-header',
      comment: 'Adds a header',
      lines: ['// Marks the request.', 'function handler(event) {', "  event.request.headers['x-seen'] = { value: 'yes' }; // CloudFront sends it on", '  return event.request;', '}'],
    });
    const code = onlyResource(synthStack(stack), 'aws_cloudfront_function').code as string;
    expect(runCloudFrontFunction(code, viewerRequest('site.example.com')).headers['x-seen']).toEqual({ value: 'yes' });
  });
});
