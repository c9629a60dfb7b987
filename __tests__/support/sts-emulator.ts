import { IncomingMessage, ServerResponse } from 'node:http';
import { LocalHttpServer, readBody } from './http-proxy';

/**
 * A local STS that answers GetCallerIdentity (and nothing else) with a fixed account, so the
 * AWS provider can validate its credentials and learn the account it works in without AWS.
 * With it the synthesized `allowed_account_ids` stays in force: the provider refuses to run
 * when this account is not the environment's.
 * Query protocol (form-encoded POST, XML answer), as in the AWS STS API reference.
 */
export class StsEmulator {
  /** Actions called, in order. */
  readonly actions: string[] = [];
  private readonly server = new LocalHttpServer('STS emulator', (req, res) => this.handle(req, res));

  /** @param accountId the account every caller is told it belongs to */
  constructor(private readonly accountId: string) {}

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    const action = form.get('Action') ?? new URL(req.url ?? '/', 'http://localhost').searchParams.get('Action') ?? '';
    this.actions.push(action);
    const ns = 'https://sts.amazonaws.com/doc/2011-06-15/';
    const body =
      action === 'GetCallerIdentity'
        ? `<GetCallerIdentityResponse xmlns="${ns}"><GetCallerIdentityResult><Arn>arn:aws:iam::${this.accountId}:user/local-test</Arn><UserId>AIDALOCALTESTUSER0001</UserId><Account>${this.accountId}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>`
        : `<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>The action ${action} is not emulated</Message></Error><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ErrorResponse>`;
    res.writeHead(action === 'GetCallerIdentity' ? 200 : 400, { 'content-type': 'text/xml', 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  }
}
