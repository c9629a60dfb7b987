import { IncomingMessage, ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';
import { forward, LocalHttpServer, readBody, relay, UpstreamResponse } from './http-proxy';
import { awsManagedKeyArn } from './kms-emulator';

/**
 * An HTTP proxy in front of dynalite that adds the table settings dynalite lacks, so the AWS
 * provider can create and read an `aws_dynamodb_table` with point-in-time recovery, encryption,
 * deletion protection and tags:
 * - CreateTable / UpdateTable: `DeletionProtectionEnabled`, `SSESpecification` and `Tags`
 *   (which dynalite silently drops) are kept here; the rest goes to dynalite;
 * - CreateTable / DescribeTable / UpdateTable answers get `DeletionProtectionEnabled`,
 *   `SSEDescription` and a `TableArn` in the configured account and region, as DynamoDB
 *   reports them (dynalite's ARNs name account 000000000000 and us-east-1);
 * - UpdateContinuousBackups / DescribeContinuousBackups (PITR) and TagResource /
 *   UntagResource / ListTagsOfResource are answered here;
 * - DeleteTable of a protected table is refused, as DynamoDB does;
 * - everything else (items, queries, DescribeTimeToLive, ...) goes to dynalite unchanged.
 * Patched answers carry a recomputed `x-amz-crc32`, which the AWS SDKs check.
 * Shapes follow the Amazon DynamoDB API reference.
 */

/** What this emulator keeps per table, on top of dynalite's own description. */
interface TableExtras {
  deletionProtection: boolean;
  /** The SSESpecification asked for; undefined or `Enabled: false` means encryption with an AWS owned key. */
  sse?: { Enabled?: boolean; SSEType?: string; KMSMasterKeyId?: string };
  pitr: { enabled: boolean; recoveryPeriodInDays: number };
  tags: Map<string, string>;
}

type Json = Record<string, any>;

const ERROR_PREFIX = 'com.amazonaws.dynamodb.v20120810#';

export class DynamoDbEmulator {
  /** Operations seen, in order (`CreateTable`, `DescribeContinuousBackups`, ...), for debugging a test. */
  readonly operations: string[] = [];
  private readonly server = new LocalHttpServer('DynamoDB emulator', (req, res) => this.handle(req, res));
  private readonly tables = new Map<string, TableExtras>();

  /**
   * @param upstream dynalite's endpoint
   * @param region, accountId what table ARNs (and the default KMS key) name
   */
  constructor(
    private readonly upstream: string,
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  /** Starts the proxy; returns its endpoint, which clients use instead of dynalite's. */
  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** The PITR setting of a table as UpdateContinuousBackups left it, or undefined for an unknown table. */
  pointInTimeRecovery(table: string): { enabled: boolean; recoveryPeriodInDays: number } | undefined {
    return this.tables.get(table)?.pitr;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    this.operations.push(operation);
    const input: Json = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
    switch (operation) {
      case 'CreateTable':
        return this.createTable(req, res, input);
      case 'DescribeTable': {
        const answer = await forward(this.upstream, req, body);
        return this.relayPatched(res, answer, 'Table');
      }
      case 'UpdateTable':
        return this.updateTable(req, res, input);
      case 'DeleteTable':
        if (this.tables.get(input.TableName)?.deletionProtection) {
          return this.error(res, 'ValidationException', `Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.`);
        }
        this.tables.delete(input.TableName);
        return relay(res, await forward(this.upstream, req, body));
      case 'UpdateContinuousBackups':
      case 'DescribeContinuousBackups':
        return this.continuousBackups(res, operation, input);
      case 'TagResource':
      case 'UntagResource':
      case 'ListTagsOfResource':
        return this.tagging(res, operation, input);
      default:
        return relay(res, await forward(this.upstream, req, body));
    }
  }

  private async createTable(req: IncomingMessage, res: ServerResponse, input: Json): Promise<void> {
    const answer = await forward(this.upstream, req, Buffer.from(JSON.stringify(input)));
    if (answer.status === 200) {
      this.tables.set(input.TableName, {
        deletionProtection: input.DeletionProtectionEnabled === true,
        sse: input.SSESpecification,
        pitr: { enabled: false, recoveryPeriodInDays: 35 },
        tags: new Map((input.Tags ?? []).map((tag: { Key: string; Value: string }) => [tag.Key, tag.Value])),
      });
    }
    return this.relayPatched(res, answer, 'TableDescription');
  }

  private async updateTable(req: IncomingMessage, res: ServerResponse, input: Json): Promise<void> {
    const extras = this.tables.get(input.TableName);
    const { DeletionProtectionEnabled, SSESpecification, ...rest } = input;
    if (extras && DeletionProtectionEnabled !== undefined) extras.deletionProtection = DeletionProtectionEnabled === true;
    if (extras && SSESpecification !== undefined) extras.sse = SSESpecification;
    // dynalite refuses an UpdateTable that changes none of the settings it knows; describe the table instead.
    const onlyEmulated = Object.keys(rest).every((key) => key === 'TableName');
    const answer = onlyEmulated
      ? await forward(this.upstream, req, Buffer.from(JSON.stringify({ TableName: input.TableName })), { 'x-amz-target': 'DynamoDB_20120810.DescribeTable' })
      : await forward(this.upstream, req, Buffer.from(JSON.stringify(rest)));
    if (!onlyEmulated || answer.status !== 200) return this.relayPatched(res, answer, 'TableDescription');
    const described = JSON.parse(answer.body.toString('utf8')) as Json;
    return this.json(res, { TableDescription: this.patchTable(described.Table) });
  }

  private continuousBackups(res: ServerResponse, operation: string, input: Json): void {
    const extras = this.tables.get(input.TableName);
    if (!extras) return this.error(res, 'TableNotFoundException', `Table not found: ${input.TableName}`);
    if (operation === 'UpdateContinuousBackups') {
      const specification = input.PointInTimeRecoverySpecification ?? {};
      extras.pitr = {
        enabled: specification.PointInTimeRecoveryEnabled === true,
        recoveryPeriodInDays: specification.RecoveryPeriodInDays ?? extras.pitr.recoveryPeriodInDays,
      };
    }
    const now = Date.now() / 1000;
    return this.json(res, {
      ContinuousBackupsDescription: {
        ContinuousBackupsStatus: 'ENABLED',
        PointInTimeRecoveryDescription: extras.pitr.enabled
          ? { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: extras.pitr.recoveryPeriodInDays, EarliestRestorableDateTime: now, LatestRestorableDateTime: now }
          : { PointInTimeRecoveryStatus: 'DISABLED' },
      },
    });
  }

  private tagging(res: ServerResponse, operation: string, input: Json): void {
    const table = /:table\/([^/]+)$/.exec(String(input.ResourceArn ?? ''))?.[1];
    const extras = table === undefined ? undefined : this.tables.get(table);
    if (!extras) return this.error(res, 'ResourceNotFoundException', `Requested resource not found: ResourcArn: ${input.ResourceArn} not found`);
    if (operation === 'TagResource') for (const tag of input.Tags ?? []) extras.tags.set(tag.Key, tag.Value);
    if (operation === 'UntagResource') for (const key of input.TagKeys ?? []) extras.tags.delete(key);
    if (operation !== 'ListTagsOfResource') return this.json(res, {});
    return this.json(res, { Tags: [...extras.tags].map(([Key, Value]) => ({ Key, Value })) });
  }

  /** Relays dynalite's answer, with the emulated settings added to the table description under `field`. */
  private relayPatched(res: ServerResponse, answer: UpstreamResponse, field: 'Table' | 'TableDescription'): void {
    if (answer.status !== 200) return relay(res, answer);
    const output = JSON.parse(answer.body.toString('utf8')) as Json;
    output[field] = this.patchTable(output[field]);
    return this.json(res, output);
  }

  private patchTable(table: Json): Json {
    const extras = this.tables.get(table.TableName);
    const patched: Json = {
      ...table,
      TableArn: `arn:aws:dynamodb:${this.region}:${this.accountId}:table/${table.TableName}`,
      DeletionProtectionEnabled: extras?.deletionProtection ?? false,
    };
    // SSESpecification Enabled: true without a key means the AWS managed key (alias/aws/dynamodb, which
    // support/kms-emulator.ts describes); otherwise the table is encrypted with an AWS owned key,
    // and DescribeTable has no SSEDescription.
    if (extras?.sse?.Enabled) {
      patched.SSEDescription = {
        Status: 'ENABLED',
        SSEType: 'KMS',
        KMSMasterKeyArn: extras.sse.KMSMasterKeyId ?? awsManagedKeyArn(this.region, this.accountId, 'dynamodb'),
      };
    }
    return patched;
  }

  private json(res: ServerResponse, output: unknown): void {
    const body = JSON.stringify(output);
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(Buffer.byteLength(body)), 'x-amz-crc32': String(crc32(body)) });
    res.end(body);
  }

  private error(res: ServerResponse, type: string, message: string): void {
    const body = JSON.stringify({ __type: `${ERROR_PREFIX}${type}`, message });
    res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(Buffer.byteLength(body)), 'x-amz-crc32': String(crc32(body)) });
    res.end(body);
  }
}
