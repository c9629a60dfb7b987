import { Construct } from 'constructs';
import { viewerRequestFunction } from '../edge/viewer-request-function';

export interface IndexDocumentFunctionProps {
  /** Function name: 1-64 characters of a-z, A-Z, 0-9, `-` and `_`. */
  readonly name: string;
  /** Object key served for a path ending in `/`, such as index.html. */
  readonly indexDocument: string;
}

/**
 * A CloudFront Function on viewer request that adds the index document to every URI ending in `/`,
 * as an S3 website endpoint does. CloudFront's default root object covers `/` alone, and S3's REST
 * endpoint (the one OAC signs for) knows no index documents, so `/docs/` would be a missing key.
 */
export class IndexDocumentFunction extends Construct {
  public readonly functionArn: string;

  constructor(scope: Construct, id: string, props: IndexDocumentFunctionProps) {
    super(scope, id);
    const fn = viewerRequestFunction(this, {
      name: props.name,
      comment: 'Serve the index document for paths ending in /',
      lines: [
        `var INDEX_DOCUMENT = ${JSON.stringify(props.indexDocument)};`,
        'function handler(event) {',
        '  var request = event.request;',
        "  if (request.uri.endsWith('/')) {",
        '    request.uri += INDEX_DOCUMENT;',
        '  }',
        '  return request;',
        '}',
      ],
    });
    this.functionArn = fn.arn;
  }
}
