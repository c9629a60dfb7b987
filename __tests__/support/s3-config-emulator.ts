import { IncomingMessage, ServerResponse } from 'node:http';
import { forward, LocalHttpServer, readBody, relay } from './http-proxy';

/**
 * An HTTP proxy in front of s3rver that answers the bucket configuration APIs s3rver does
 * not implement (it answers `NotImplemented` to versioning, encryption, policy, lifecycle,
 * public access block, ownership controls, logging, tagging, ACL, ...), so the AWS provider
 * can create and read `aws_s3_bucket` and its configuration resources against it.
 *
 * For a bucket-level request (`/<bucket>?<subresource>`, path style) with one of the
 * emulated sub-resources:
 * - PUT stores the request body as it came (the provider's own XML or JSON) and answers as
 *   S3 does (204 for policy and tagging, 200 otherwise);
 * - GET returns the stored body, or what S3 answers for a bucket that never had one: the
 *   "not configured" error of that API, or the bucket's built-in default (see below);
 * - DELETE forgets it (204).
 * Everything else (buckets, objects, listing, CORS and website, which s3rver implements) goes
 * to s3rver unchanged, so its SigV4 check still applies there. HEAD bucket answers get the
 * `x-amz-bucket-region` header real S3 sends, from the bucket's CreateBucket LocationConstraint.
 *
 * Configurations live in memory only. Emulated requests are not authenticated and their
 * bodies are not validated: the point is to give the provider S3's answers, not to judge it.
 * Error codes and default documents follow the Amazon S3 API reference.
 */

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Sub-resources whose GET fails with this 404 error until something is PUT. */
const NOT_CONFIGURED: Readonly<Record<string, readonly [code: string, message: string]>> = {
  policy: ['NoSuchBucketPolicy', 'The bucket policy does not exist'],
  lifecycle: ['NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist'],
  publicAccessBlock: ['NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found'],
  ownershipControls: ['OwnershipControlsNotFoundError', 'The bucket ownership controls were not found'],
  tagging: ['NoSuchTagSet', 'The TagSet does not exist'],
  replication: ['ReplicationConfigurationNotFoundError', 'The replication configuration was not found'],
  'object-lock': ['ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket'],
};

/** The canonical user id the emulated bucket owner has (any 64 hex digits do). */
const OWNER_ID = '0000000000000000000000000000000000000000000000000000000000000001';

/** Sub-resources every bucket has from the start, with what S3 returns for a new bucket. */
const BUILT_IN: Readonly<Record<string, string>> = {
  // Since January 2023 S3 encrypts every bucket with SSE-S3 by default; GetBucketEncryption returns that.
  encryption: `<ServerSideEncryptionConfiguration xmlns="${XMLNS}"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`,
  // Never versioned: no Status element at all.
  versioning: `<VersioningConfiguration xmlns="${XMLNS}"/>`,
  // Logging off: an empty BucketLoggingStatus.
  logging: `<BucketLoggingStatus xmlns="${XMLNS}"/>`,
  // Transfer acceleration never set: no Status element.
  accelerate: `<AccelerateConfiguration xmlns="${XMLNS}"/>`,
  requestPayment: `<RequestPaymentConfiguration xmlns="${XMLNS}"><Payer>BucketOwner</Payer></RequestPaymentConfiguration>`,
  // The owner has FULL_CONTROL and nobody else has a grant.
  acl: `<AccessControlPolicy xmlns="${XMLNS}"><Owner><ID>${OWNER_ID}</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>${OWNER_ID}</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>`,
};

/** PutBucketPolicy and PutBucketTagging answer 204 No Content; the other PUTs 200 OK. */
const PUT_NO_CONTENT = new Set(['policy', 'tagging']);

/**
 * S3 answers GetBucketLifecycleConfiguration and PutBucketLifecycleConfiguration with this
 * header; a request may set it, and `all_storage_classes_128K` is the default.
 */
const LIFECYCLE_MINIMUM_SIZE_HEADER = 'x-amz-transition-default-minimum-object-size';

const EMULATED = new Set([...Object.keys(NOT_CONFIGURED), ...Object.keys(BUILT_IN)]);

/** A region S3 reports for a bucket created without a LocationConstraint. */
const DEFAULT_REGION = 'us-east-1';

export class S3ConfigEmulator {
  /** Every request answered by s3rver with 501 NotImplemented or 405: what is not emulated yet. */
  readonly unsupported: string[] = [];
  private readonly server = new LocalHttpServer('S3 configuration emulator', (req, res) => this.handle(req, res));
  /** bucket -> sub-resource -> stored body. */
  private readonly configurations = new Map<string, Map<string, string>>();
  private readonly lifecycleMinimumSize = new Map<string, string>();
  private readonly regions = new Map<string, string>();

  /** @param upstream s3rver's endpoint (`http://127.0.0.1:<port>`). */
  constructor(private readonly upstream: string) {}

  /** Starts the proxy; returns its endpoint, which clients use instead of s3rver's. */
  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** What was PUT for a bucket's sub-resource (such as `versioning`), or undefined; built-in defaults are not reported. */
  configuration(bucket: string, subresource: string): string | undefined {
    return this.configurations.get(bucket)?.get(subresource);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const segments = url.pathname.split('/').filter(Boolean);
    const bucket = segments.length === 1 ? decodeURIComponent(segments[0]) : undefined;
    const subresources = [...url.searchParams.keys()].filter((key) => EMULATED.has(key) || key === 'location');
    if (bucket === undefined || subresources.length !== 1) return this.pass(req, res, bucket, url);

    const upstreamHead = await fetch(`${this.upstream}/${encodeURIComponent(bucket)}`, { method: 'HEAD' });
    if (upstreamHead.status === 404) return this.error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', bucket);
    const subresource = subresources[0];
    if (subresource === 'location') {
      if (req.method !== 'GET') return this.error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', bucket);
      // GetBucketLocation reports us-east-1 as an empty LocationConstraint.
      const region = this.regionOf(bucket);
      return this.xml(res, 200, `<LocationConstraint xmlns="${XMLNS}">${region === DEFAULT_REGION ? '' : region}</LocationConstraint>`);
    }

    const stored = this.configurations.get(bucket) ?? new Map<string, string>();
    this.configurations.set(bucket, stored);
    const body = await readBody(req);
    switch (req.method) {
      case 'PUT': {
        // A body-less PUT (a canned ACL header) leaves the stored document as it was.
        if (body.length > 0) stored.set(subresource, body.toString('utf8'));
        const headers: Record<string, string> = {};
        if (subresource === 'lifecycle') {
          const size = String(req.headers[LIFECYCLE_MINIMUM_SIZE_HEADER] ?? 'all_storage_classes_128K');
          this.lifecycleMinimumSize.set(bucket, size);
          headers[LIFECYCLE_MINIMUM_SIZE_HEADER] = size;
        }
        res.writeHead(PUT_NO_CONTENT.has(subresource) ? 204 : 200, headers);
        res.end();
        return;
      }
      case 'GET': {
        const document = stored.get(subresource) ?? BUILT_IN[subresource];
        if (document === undefined) {
          const [code, message] = NOT_CONFIGURED[subresource];
          return this.error(res, 404, code, message, bucket);
        }
        const headers: Record<string, string> =
          subresource === 'lifecycle' ? { [LIFECYCLE_MINIMUM_SIZE_HEADER]: this.lifecycleMinimumSize.get(bucket) ?? 'all_storage_classes_128K' } : {};
        // The bucket policy is the JSON document itself; everything else is XML.
        return subresource === 'policy' ? this.send(res, 200, 'application/json', document, headers) : this.xml(res, 200, document, headers);
      }
      case 'DELETE':
        stored.delete(subresource);
        res.writeHead(204);
        res.end();
        return;
      default:
        return this.error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', bucket);
    }
  }

  /** Forwards to s3rver, remembering each new bucket's region and forgetting a deleted bucket's configuration. */
  private async pass(req: IncomingMessage, res: ServerResponse, bucket: string | undefined, url: URL): Promise<void> {
    const plainBucketRequest = bucket !== undefined && [...url.searchParams.keys()].length === 0;
    if (plainBucketRequest && req.method === 'PUT') {
      const body = await readBody(req);
      const answer = await forward(this.upstream, req, body);
      const region = /<LocationConstraint>([^<]*)<\/LocationConstraint>/.exec(body.toString('utf8'))?.[1];
      if (answer.status === 200) this.regions.set(bucket, region || DEFAULT_REGION);
      return relay(res, answer);
    }
    const answer = await forward(this.upstream, req);
    if (answer.status === 501 || answer.status === 405) this.unsupported.push(`${req.method} ${req.url} -> ${answer.status}`);
    if (plainBucketRequest && req.method === 'DELETE' && answer.status === 204) {
      this.configurations.delete(bucket);
      this.lifecycleMinimumSize.delete(bucket);
      this.regions.delete(bucket);
    }
    const regionHeader: Record<string, string> = plainBucketRequest && req.method === 'HEAD' && answer.status === 200 ? { 'x-amz-bucket-region': this.regionOf(bucket) } : {};
    return relay(res, answer, regionHeader);
  }

  private regionOf(bucket: string): string {
    return this.regions.get(bucket) ?? DEFAULT_REGION;
  }

  private error(res: ServerResponse, status: number, code: string, message: string, bucket: string): void {
    this.xml(res, status, `<Error><Code>${code}</Code><Message>${message}</Message><BucketName>${bucket}</BucketName><RequestId>emulated</RequestId><HostId>emulated</HostId></Error>`);
  }

  private xml(res: ServerResponse, status: number, document: string, headers: Record<string, string> = {}): void {
    this.send(res, status, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?>\n${document.replace(/^<\?xml[^>]*\?>\s*/, '')}`, headers);
  }

  private send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)), ...headers });
    res.end(body);
  }
}
