import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { AddressInfo, Server, Socket } from 'node:net';
import { DynamoDbEmulator } from './dynamodb-emulator';
import { KmsEmulator } from './kms-emulator';
import { S3ConfigEmulator } from './s3-config-emulator';
import { StsEmulator } from './sts-emulator';

// Neither package ships type declarations. Both run in-process; no AWS endpoint is ever contacted.
// Note: s3rver (through koa's is-generator-function) fails to start under tsx's require hook;
// it runs fine under jest and plain node.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite');

/**
 * Credentials terraform must use against these servers. s3rver verifies SigV4 signatures
 * against its one built-in key pair (S3RVER/S3RVER) and refuses any other access key;
 * dynalite accepts any signed request.
 */
export const LOCAL_AWS_CREDENTIALS: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  AWS_SESSION_TOKEN: '',
  AWS_PROFILE: '',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** An item of a DynamoDB table in the JSON API's attribute-value form, e.g. `{ LockID: { S: '...' } }`. */
export type DynamoItem = Record<string, { readonly S?: string }>;

/** An object read from the local S3 server; `body` is empty unless `status` is 200. */
export interface S3Object {
  readonly status: number;
  readonly body: string;
  readonly md5: string;
}

export interface LocalAwsOptions {
  /**
   * Also serve what the AWS provider (not only the S3 backend) needs to manage a bucket and a
   * table here: the S3 configuration and DynamoDB emulators go in front of s3rver and dynalite
   * (`s3Endpoint` and `dynamodbEndpoint` then name them), a local STS tells every caller it is
   * in `accountId`, and a local KMS describes the AWS managed keys. ARNs name `region` and `accountId`.
   */
  readonly emulateProviderApis?: { readonly accountId: string; readonly region: string };
}

/** The fields of a synthesized `aws_dynamodb_table` (Terraform JSON) that decide what items it takes. */
export interface SynthesizedDynamodbTable {
  readonly name?: unknown;
  readonly hash_key?: unknown;
  readonly range_key?: unknown;
  readonly attribute?: unknown;
  readonly billing_mode?: unknown;
  readonly read_capacity?: unknown;
  readonly write_capacity?: unknown;
}

/**
 * The DynamoDB CreateTable request for a synthesized `aws_dynamodb_table`, mapped field by field as the
 * AWS provider maps them (Amazon DynamoDB API reference, CreateTable): `hash_key` and `range_key` to the
 * KeySchema (HASH, RANGE), each `attribute` block to an AttributeDefinition, `billing_mode` (the
 * provider's default: PROVISIONED) with its capacities. Throws on a literal the emulator cannot take
 * (an unresolved reference).
 */
export function createTableRequest(table: SynthesizedDynamodbTable): Record<string, unknown> & { TableName: string } {
  const literal = (field: keyof SynthesizedDynamodbTable): string => {
    const value = table[field];
    if (typeof value !== 'string' || value.includes('${')) throw new Error(`aws_dynamodb_table.${field} is ${JSON.stringify(value)}, not a literal string`);
    return value;
  };
  const attributes = (Array.isArray(table.attribute) ? table.attribute : []) as { name?: unknown; type?: unknown }[];
  const billingMode = table.billing_mode === undefined ? 'PROVISIONED' : literal('billing_mode');
  return {
    TableName: literal('name'),
    KeySchema: [{ AttributeName: literal('hash_key'), KeyType: 'HASH' }, ...(table.range_key === undefined ? [] : [{ AttributeName: literal('range_key'), KeyType: 'RANGE' }])],
    AttributeDefinitions: attributes.map((attribute) => ({ AttributeName: attribute.name, AttributeType: attribute.type })),
    BillingMode: billingMode,
    ...(billingMode === 'PROVISIONED' ? { ProvisionedThroughput: { ReadCapacityUnits: Number(table.read_capacity ?? 0), WriteCapacityUnits: Number(table.write_capacity ?? 0) } } : {}),
  };
}

/** Dummy SigV4-looking headers: dynalite checks that a request carries them, not that they verify. */
const DUMMY_SIGNATURE = {
  Authorization: 'AWS4-HMAC-SHA256 Credential=S3RVER/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0',
  'X-Amz-Date': '20260101T000000Z',
};

/**
 * s3rver (S3) and dynalite (DynamoDB) on 127.0.0.1, on ports the OS picks, standing in for an
 * environment's state bucket and lock table so plain terraform can exercise the S3 backend offline.
 * With `emulateProviderApis`, the AWS provider can also create and manage them there (see LocalAwsOptions).
 *
 * Always `stop()` in `afterAll`: it is safe after a failed or partial `start()` and never throws.
 */
export class LocalAws {
  s3Endpoint = '';
  dynamodbEndpoint = '';
  /** Only with `emulateProviderApis`. */
  stsEndpoint = '';
  kmsEndpoint = '';
  /** The emulators, with `emulateProviderApis`: their stored settings and call logs, for assertions. */
  s3Config?: S3ConfigEmulator;
  dynamoDb?: DynamoDbEmulator;
  sts?: StsEmulator;
  kms?: KmsEmulator;
  private s3?: { close(): Promise<void>; httpServer?: Server };
  private dynamo?: Server;
  private readonly sockets = new Set<Socket>();

  /** @param directory where s3rver keeps its buckets; created now, removed by `stop()`. */
  constructor(
    private readonly directory: string,
    private readonly options: LocalAwsOptions = {},
  ) {}

  /** Starts both servers. Nothing is created in them yet: see `createBucket` and `createTable`. */
  async start(): Promise<void> {
    mkdirSync(this.directory, { recursive: true });
    const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: this.directory });
    this.s3 = s3;
    const s3Address = (await s3.run()) as AddressInfo;
    this.track(s3.httpServer!);
    this.s3Endpoint = `http://127.0.0.1:${s3Address.port}`;

    const dynamo: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    this.dynamo = dynamo;
    this.track(dynamo);
    await new Promise<void>((resolve, reject) => {
      dynamo.once('error', reject);
      dynamo.listen(0, '127.0.0.1', () => {
        dynamo.off('error', reject);
        resolve();
      });
    });
    this.dynamodbEndpoint = `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`;

    const emulate = this.options.emulateProviderApis;
    if (emulate) {
      this.s3Config = new S3ConfigEmulator(this.s3Endpoint);
      this.dynamoDb = new DynamoDbEmulator(this.dynamodbEndpoint, emulate.region, emulate.accountId);
      this.sts = new StsEmulator(emulate.accountId);
      this.kms = new KmsEmulator(emulate.region, emulate.accountId);
      this.s3Endpoint = await this.s3Config.start();
      this.dynamodbEndpoint = await this.dynamoDb.start();
      this.stsEndpoint = await this.sts.start();
      this.kmsEndpoint = await this.kms.start();
    }
  }

  /** `PUT /<bucket>`: s3rver accepts the unsigned (anonymous) request. */
  async createBucket(bucket: string): Promise<void> {
    const response = await fetch(`${this.s3Endpoint}/${bucket}`, { method: 'PUT' });
    const text = await response.text();
    if (!response.ok) throw new Error(`PUT /${bucket} on s3rver answered ${response.status}: ${text}`);
  }

  /**
   * Creates a table as the AWS provider would create this synthesized `aws_dynamodb_table`, as far as
   * items go: its name, key schema, attribute definitions and billing mode (see createTableRequest).
   * Resolves once the table is ACTIVE.
   */
  async createTable(table: SynthesizedDynamodbTable): Promise<void> {
    const request = createTableRequest(table);
    await this.dynamodb('CreateTable', request);
    const described = (await this.dynamodb('DescribeTable', { TableName: request.TableName })) as { Table: { TableStatus: string } };
    if (described.Table.TableStatus !== 'ACTIVE') throw new Error(`table ${request.TableName} is ${described.Table.TableStatus}, not ACTIVE`);
  }

  /** Every item of a table (one Scan page; a lock table holds a handful). */
  async scan(table: string): Promise<DynamoItem[]> {
    const result = (await this.dynamodb('Scan', { TableName: table, ConsistentRead: true })) as { Items: DynamoItem[]; LastEvaluatedKey?: unknown };
    if (result.LastEvaluatedKey) throw new Error(`scan of ${table} returned more than one page`);
    return result.Items;
  }

  /** An object of a bucket, read anonymously (s3rver accepts unsigned reads). */
  async getObject(bucket: string, key: string): Promise<S3Object> {
    const response = await fetch(`${this.s3Endpoint}/${bucket}/${key}`);
    const body = await response.text();
    return { status: response.status, body: response.ok ? body : '', md5: createHash('md5').update(body).digest('hex') };
  }

  /**
   * A partial backend configuration (`terraform init -backend-config=<file>`) pointing the S3
   * backend at these servers. Only what a non-AWS endpoint cannot answer is switched off;
   * bucket, key, region, encryption and lock table stay as the synthesized backend says.
   */
  backendConfig(): string {
    return [
      `endpoints = { s3 = "${this.s3Endpoint}", dynamodb = "${this.dynamodbEndpoint}" }`,
      // s3rver serves path-style URLs only (no wildcard DNS for <bucket>.127.0.0.1).
      'use_path_style = true',
      // No STS or IAM behind these endpoints: without these two, init calls sts/iam.amazonaws.com.
      'skip_credentials_validation = true',
      'skip_requesting_account_id = true',
      // No instance metadata service either (AWS_EC2_METADATA_DISABLED says the same).
      'skip_metadata_api_check = true',
      // Not needed, so not set: skip_region_validation (the region is a real one) and
      // skip_s3_checksum (s3rver stores the checksummed PutObject body intact).
      '',
    ].join('\n');
  }

  /**
   * Settings for an `aws` provider block (merged into each one by a `*_override.tf.json`) that,
   * with `providerEndpointEnv()` in the environment of the terraform command, point it at these
   * servers; needs `emulateProviderApis`. Credentials are validated and the account looked up
   * against the local STS, so `allowed_account_ids` keeps working.
   */
  providerSettings(): Record<string, unknown> {
    if (!this.stsEndpoint) throw new Error('providerSettings() needs a LocalAws started with emulateProviderApis');
    return {
      // s3rver serves path-style URLs only.
      s3_use_path_style: true,
      access_key: LOCAL_AWS_CREDENTIALS.AWS_ACCESS_KEY_ID,
      secret_key: LOCAL_AWS_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
      // No instance metadata service here (AWS_EC2_METADATA_DISABLED says the same).
      skip_metadata_api_check: 'true',
      // Not set, so not skipped: credential validation and the account id lookup (the local STS answers both).
    };
  }

  /**
   * The endpoints of these servers as the AWS SDK's service-specific variables, which the AWS
   * provider reads as it would an `endpoints` block; needs `emulateProviderApis`. Not a block in
   * the override: the provider validates an `endpoints` block (an attribute per AWS service) for
   * about 5 s of CPU in every process it is configured in, twice per apply. The S3 backend
   * reads these variables too, so they are for the commands that run the provider only.
   */
  providerEndpointEnv(): Record<string, string> {
    if (!this.stsEndpoint) throw new Error('providerEndpointEnv() needs a LocalAws started with emulateProviderApis');
    return {
      AWS_ENDPOINT_URL_S3: this.s3Endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: this.dynamodbEndpoint,
      AWS_ENDPOINT_URL_STS: this.stsEndpoint,
      AWS_ENDPOINT_URL_KMS: this.kmsEndpoint,
    };
  }

  /** A table as DescribeTable reports it (through the emulator, with `emulateProviderApis`). */
  async describeTable(table: string): Promise<Record<string, any>> {
    return ((await this.dynamodb('DescribeTable', { TableName: table })) as { Table: Record<string, any> }).Table;
  }

  /** A table's continuous backups (PITR) as DescribeContinuousBackups reports them (needs `emulateProviderApis`). */
  async describeContinuousBackups(table: string): Promise<Record<string, any>> {
    return ((await this.dynamodb('DescribeContinuousBackups', { TableName: table })) as { ContinuousBackupsDescription: Record<string, any> }).ContinuousBackupsDescription;
  }

  /** Stops both servers (dropping open keep-alive connections) and removes s3rver's files. Never throws. */
  async stop(): Promise<void> {
    await Promise.all([this.s3Config?.stop(), this.dynamoDb?.stop(), this.sts?.stop(), this.kms?.stop()]);
    const s3 = this.s3;
    const dynamo = this.dynamo;
    this.s3 = undefined;
    this.dynamo = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const closing: Promise<unknown>[] = [];
    if (s3?.httpServer) closing.push(s3.close().catch(() => undefined));
    if (dynamo?.listening) closing.push(new Promise<void>((resolve) => dynamo.close(() => resolve())));
    await Promise.all(closing);
    rmSync(this.directory, { recursive: true, force: true });
  }

  /** Remembers each connection so `stop()` does not wait for a keep-alive client to hang up. */
  private track(server: Server): void {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  private async dynamodb(operation: string, body: unknown): Promise<unknown> {
    const response = await fetch(this.dynamodbEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `DynamoDB_20120810.${operation}`, ...DUMMY_SIGNATURE },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`dynalite ${operation} answered ${response.status}: ${text}`);
    return JSON.parse(text);
  }
}
