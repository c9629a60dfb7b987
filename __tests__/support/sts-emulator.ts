import { IncomingMessage, ServerResponse } from 'node:http';
import { LocalHttpServer, readBody } from './http-proxy';

/** Who a set of credentials belongs to, as GetCallerIdentity reports it. */
export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
}

/** One call the emulator answered: the action, and the account of the credentials that signed it. */
export interface StsCall {
  readonly action: string;
  readonly account: string;
  /** The role asked for, for AssumeRole. */
  readonly roleArn?: string;
}

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const REQUEST_ID = '<ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ResponseMetadata>';

/**
 * A local STS that answers GetCallerIdentity and AssumeRole (and nothing else), so the AWS
 * provider can validate its credentials, assume a role and learn the account it works in without
 * AWS. With it the synthesized `allowed_account_ids` stays in force: the provider refuses to run
 * when the account it is told is not the environment's.
 *
 * Any credentials but those it issued belong to `accountId`. AssumeRole issues credentials that
 * belong to the role's account (the account of its ARN), as in AWS: a provider that assumes a role
 * in another account is told that account.
 * Query protocol (form-encoded POST, XML answer), as in the AWS STS API reference.
 */
export class StsEmulator {
  /** Actions called, in order. */
  readonly actions: string[] = [];
  /** Calls answered, in order, with the account of the credentials that signed each. */
  readonly calls: StsCall[] = [];
  private readonly server = new LocalHttpServer('STS emulator', (req, res) => this.handle(req, res));
  /** Credentials AssumeRole issued, by access key id. */
  private readonly issued = new Map<string, CallerIdentity>();

  /** @param accountId the account every caller is told it belongs to, unless it signs with credentials AssumeRole issued */
  constructor(private readonly accountId: string) {}

  /** Starts the server; returns its endpoint (also in `endpoint`). */
  start(): Promise<string> {
    return this.server.start();
  }

  /** `http://127.0.0.1:<port>` once started. */
  get endpoint(): string {
    return this.server.endpoint;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    const action = form.get('Action') ?? new URL(req.url ?? '/', 'http://localhost').searchParams.get('Action') ?? '';
    const caller = this.callerOf(req);
    this.actions.push(action);
    const roleArn = form.get('RoleArn') ?? undefined;
    this.calls.push({ action, account: caller.account, ...(roleArn === undefined ? {} : { roleArn }) });
    if (action === 'GetCallerIdentity') {
      return this.answer(res, 200, `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>${caller.arn}</Arn><UserId>AIDALOCALTESTUSER0001</UserId><Account>${caller.account}</Account></GetCallerIdentityResult>${REQUEST_ID}</GetCallerIdentityResponse>`);
    }
    if (action === 'AssumeRole') return this.assumeRole(res, roleArn ?? '', form.get('RoleSessionName') ?? 'session');
    return this.error(res, 'InvalidAction', `The action ${action} is not emulated`);
  }

  /** Who signed the request: the credentials' access key id is in the SigV4 Authorization header (`Credential=<key>/<scope>`). */
  private callerOf(req: IncomingMessage): CallerIdentity {
    const accessKey = /Credential=([^/,\s]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
    return (accessKey !== undefined ? this.issued.get(accessKey) : undefined) ?? { account: this.accountId, arn: `arn:aws:iam::${this.accountId}:user/local-test` };
  }

  private assumeRole(res: ServerResponse, roleArn: string, sessionName: string): void {
    const role = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
    if (!role) return this.error(res, 'ValidationError', `${roleArn} is not a role ARN`);
    const [, account, roleName] = role;
    const accessKeyId = `ASIALOCALTEST${String(this.issued.size + 1).padStart(7, '0')}`;
    const arn = `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`;
    this.issued.set(accessKeyId, { account, arn });
    const expiration = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return this.answer(
      res,
      200,
      `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult><AssumedRoleUser><Arn>${arn}</Arn><AssumedRoleId>AROALOCALTESTROLE0001:${sessionName}</AssumedRoleId></AssumedRoleUser><Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>local-test-secret</SecretAccessKey><SessionToken>local-test-session</SessionToken><Expiration>${expiration}</Expiration></Credentials></AssumeRoleResult>${REQUEST_ID}</AssumeRoleResponse>`,
    );
  }

  private error(res: ServerResponse, code: string, message: string): void {
    this.answer(res, 400, `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ErrorResponse>`);
  }

  private answer(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, { 'content-type': 'text/xml', 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  }
}
