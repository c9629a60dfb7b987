import { CloudfrontFunction } from '@cdktf/provider-aws/lib/cloudfront-function';
import { Construct } from 'constructs';

export interface HostGuardFunctionProps {
  /** Function name. */
  readonly name: string;
  /** The only Host header values the distribution serves. */
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
    const code = [
      `var ALLOWED_HOSTS = ${JSON.stringify(props.allowedHosts)};`,
      'function handler(event) {',
      '  var host = event.request.headers.host;',
      '  if (!host || ALLOWED_HOSTS.indexOf(host.value.toLowerCase()) === -1) {',
      "    return { statusCode: 403, statusDescription: 'Forbidden' };",
      '  }',
      '  return event.request;',
      '}',
      '',
    ].join('\n');
    const fn = new CloudfrontFunction(this, 'function', {
      name: props.name,
      runtime: 'cloudfront-js-2.0',
      comment: 'Refuse requests for hosts that are not the site',
      publish: true,
      code,
    });
    this.functionArn = fn.arn;
  }
}
