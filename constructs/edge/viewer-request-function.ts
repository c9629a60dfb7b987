import { CloudfrontFunction } from '@cdktf/provider-aws/lib/cloudfront-function';
import { Construct } from 'constructs';

/** What a viewer-request CloudFront Function is made of. */
export interface ViewerRequestFunctionProps {
  /** Function name: 1-64 characters of a-z, A-Z, 0-9, `-` and `_`. */
  readonly name: string;
  /** What it does, shown in the console. */
  readonly comment: string;
  /** Its JavaScript (cloudfront-js-2.0), one line per entry: constants first, then `function handler(event)`. */
  readonly lines: readonly string[];
}

/** A published CloudFront Function (runtime cloudfront-js-2.0), created as `function` under `scope`. */
export function viewerRequestFunction(scope: Construct, props: ViewerRequestFunctionProps): CloudfrontFunction {
  return new CloudfrontFunction(scope, 'function', {
    name: props.name,
    runtime: 'cloudfront-js-2.0',
    comment: props.comment,
    publish: true,
    code: [...props.lines, ''].join('\n'),
  });
}
