import { createHash } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { LocalHttpServer, readBody } from './http-proxy';

/**
 * A local KMS that answers DescribeKey (and nothing else) for the AWS managed keys
 * `alias/aws/<service>`. The AWS provider asks for `alias/aws/dynamodb` when it reads a table
 * encrypted with the AWS managed key, to tell that key from a customer's: without an answer it
 * would retry a real KMS endpoint. JSON 1.1 protocol, shapes as in the AWS KMS API reference.
 */

/** The ARN of the AWS managed key of `service` (such as `dynamodb`): stable, made up, in the given account and region. */
export function awsManagedKeyArn(region: string, accountId: string, service: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${awsManagedKeyId(service)}`;
}

function awsManagedKeyId(service: string): string {
  const hex = createHash('sha256').update(`aws/${service}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class KmsEmulator {
  /** Key ids asked for, in order. */
  readonly described: string[] = [];
  private readonly server = new LocalHttpServer('KMS emulator', (req, res) => this.handle(req, res));

  constructor(
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const keyId = String((body.length > 0 ? JSON.parse(body.toString('utf8')) : {}).KeyId ?? '');
    if (operation !== 'DescribeKey') return this.send(res, 400, { __type: 'UnsupportedOperationException', message: `${operation} is not emulated` });
    this.described.push(keyId);
    const service = /^(?:arn:aws:kms:[^:]+:\d+:)?alias\/aws\/([\w-]+)$/.exec(keyId)?.[1];
    if (service === undefined) return this.send(res, 400, { __type: 'NotFoundException', message: `Key '${keyId}' does not exist` });
    return this.send(res, 200, {
      KeyMetadata: {
        AWSAccountId: this.accountId,
        KeyId: awsManagedKeyId(service),
        Arn: awsManagedKeyArn(this.region, this.accountId, service),
        CreationDate: 1767225600,
        Enabled: true,
        Description: `Default key that protects my ${service} data when no other key is defined`,
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeyState: 'Enabled',
        Origin: 'AWS_KMS',
        KeyManager: 'AWS',
        CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        KeySpec: 'SYMMETRIC_DEFAULT',
        EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
        MultiRegion: false,
      },
    });
  }

  private send(res: ServerResponse, status: number, output: unknown): void {
    const body = JSON.stringify(output);
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  }
}
