import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';
import { Naming } from '../naming';
import { AccessLogTarget } from '../secure-bucket';
import { AUDIT_EVENTS, AuditEventRule } from './audit/event-rules';
import { AuditTrail } from './audit/trail';

export { auditTrailArn, auditTrailName } from './audit/trail';

/** Region of the global services' events (IAM, root and most console sign-ins). */
const GLOBAL_REGION = 'us-east-1';

export interface ChangeAuditProps {
  readonly naming: Naming;
  readonly accountId: string;
  /** The home region: the trail, its bucket and the EC2 rules are created there. */
  readonly region: string;
  /** The ops home key: encrypts the trail's log files (see auditTrailArn for its key policy). */
  readonly kmsKeyArn: string;
  /** The alarm topics each rule posts to: the one in its own region. */
  readonly topics: { readonly homeArn: string; readonly globalArn: string };
  /** The stack's us-east-1 provider. */
  readonly globalProvider: AwsProvider;
  /** Server access logs of the trail bucket go there. */
  readonly accessLogs: AccessLogTarget;
  /** Days trail log files are kept (`ops.changeAudit.retentionDays`). */
  readonly retentionDays: number;
}

/**
 * The change audit (`ops.changeAudit`): a multi-region CloudTrail trail into an encrypted log
 * bucket, and EventBridge rules that post console sign-ins without MFA, root use, and IAM,
 * security group and network ACL changes to the alarm topic of the region the event arrives in
 * (AUDIT_EVENTS says which). With the home region in us-east-1 each rule exists once.
 */
export class ChangeAudit extends Construct {
  public readonly trailArn: string;
  public readonly bucketName: string;

  constructor(scope: Construct, id: string, props: ChangeAuditProps) {
    super(scope, id);
    const trail = new AuditTrail(this, 'trail', {
      naming: props.naming,
      accountId: props.accountId,
      region: props.region,
      kmsKeyArn: props.kmsKeyArn,
      accessLogs: props.accessLogs,
      retentionDays: props.retentionDays,
    });
    const homeIsGlobal = props.region === GLOBAL_REGION;
    for (const event of AUDIT_EVENTS) {
      const name = props.naming.name('ops', `audit-${event.key}`, 64);
      if (event.regions !== 'home') {
        // In us-east-1 itself the home provider serves: no second provider for the same region.
        new AuditEventRule(this, `${event.key}-global`, {
          name,
          event,
          topicArn: homeIsGlobal ? props.topics.homeArn : props.topics.globalArn,
          provider: homeIsGlobal ? undefined : props.globalProvider,
        });
      }
      if (event.regions === 'home' || (event.regions === 'both' && !homeIsGlobal)) {
        new AuditEventRule(this, `${event.key}-home`, { name, event, topicArn: props.topics.homeArn });
      }
    }
    this.trailArn = trail.trailArn;
    this.bucketName = trail.bucketName;
  }
}
