import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Neither package ships type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite');

/** An item of the lock table, as the DynamoDB JSON API returns it. */
export interface LockItem {
  readonly LockID: { readonly S: string };
  readonly Info?: { readonly S: string };
  readonly Digest?: { readonly S: string };
}

/**
 * S3- and DynamoDB-compatible servers on 127.0.0.1 (s3rver, dynalite) standing in for the
 * state bucket and lock table, so plain terraform can exercise the S3 backend offline.
 */
export class LocalStateServers {
  private s3?: { close(callback: () => void): void };
  private dynamo?: Server;
  private readonly s3Directory = mkdtempSync(join(tmpdir(), 's3rver-'));
  s3Endpoint = '';
  dynamodbEndpoint = '';

  /** Starts both servers on free ports, with the bucket created and the lock table created. */
  async start(bucket: string, lockTable: string): Promise<void> {
    const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: this.s3Directory, configureBuckets: [{ name: bucket }] });
    const s3Address = (await s3.run()) as AddressInfo;
    this.s3 = s3;
    this.s3Endpoint = `http://127.0.0.1:${s3Address.port}`;

    const dynamo: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve, reject) => {
      dynamo.once('error', reject);
      dynamo.listen(0, '127.0.0.1', resolve);
    });
    this.dynamo = dynamo;
    this.dynamodbEndpoint = `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`;
    await this.dynamodb('CreateTable', {
      TableName: lockTable,
      AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  }

  /** Every item of the lock table. */
  async lockItems(lockTable: string): Promise<LockItem[]> {
    const result = (await this.dynamodb('Scan', { TableName: lockTable })) as { Items: LockItem[] };
    return result.Items;
  }

  /** The body of an object in the bucket (s3rver accepts unsigned reads). */
  async readObject(bucket: string, key: string): Promise<string> {
    const response = await fetch(`${this.s3Endpoint}/${bucket}/${key}`);
    if (!response.ok) throw new Error(`GET s3://${bucket}/${key} answered ${response.status}`);
    return response.text();
  }

  /** Stops both servers and removes their files; safe to call after a failed start. */
  async stop(): Promise<void> {
    const s3 = this.s3;
    const dynamo = this.dynamo;
    this.s3 = undefined;
    this.dynamo = undefined;
    if (s3) await new Promise<void>((resolve) => s3.close(() => resolve()));
    if (dynamo) await new Promise<void>((resolve) => dynamo.close(() => resolve()));
    rmSync(this.s3Directory, { recursive: true, force: true });
  }

  private async dynamodb(operation: string, body: unknown): Promise<unknown> {
    const response = await fetch(this.dynamodbEndpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': `DynamoDB_20120810.${operation}`,
        // dynalite checks that a request is signed, not the signature.
        Authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        'X-Amz-Date': '20260101T000000Z',
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`DynamoDB ${operation} answered ${response.status}: ${text}`);
    return JSON.parse(text);
  }
}
