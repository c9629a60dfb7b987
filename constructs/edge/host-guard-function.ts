import { Construct } from 'constructs';
import { viewerRequestFunction } from './viewer-request-function';

export interface HostGuardFunctionProps {
  /** Function name. */
  readonly name: string;
  /** The only host names the distribution serves, compared without case and without a `:port` the viewer adds. */
  readonly allowedHosts: readonly string[];
}

/**
 * A CloudFront Function on viewer request that answers 403 to any Host that is not one of
 * the site's names, so the distribution's *.cloudfront.net name and stray CNAMEs serve nothing.
 */
export class HostGuardFunction extends Construct {
  public readonly functionArn: string;

  constructor(scope: Construct, id: string, props: HostGuardFunctionProps) {
    super(scope, id);
    const fn = viewerRequestFunction(this, {
      name: props.name,
      comment: 'Refuse requests for hosts that are not the site',
      lines: [
        `var ALLOWED_HOSTS = ${JSON.stringify(props.allowedHosts.map((host) => host.toLowerCase()))};`,
        'function handler(event) {',
        '  var host = event.request.headers.host;',
        // A Host header may carry the port (www.example.com:443); the name is what is judged.
        "  if (!host || ALLOWED_HOSTS.indexOf(host.value.toLowerCase().replace(/:[0-9]+$/, '')) === -1) {",
        "    return { statusCode: 403, statusDescription: 'Forbidden' };",
        '  }',
        '  return event.request;',
        '}',
      ],
    });
    this.functionArn = fn.arn;
  }
}
