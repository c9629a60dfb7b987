import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Construct } from 'constructs';

/** The detail-types CloudTrail gives the events it sends to EventBridge. */
const API_CALL = 'AWS API Call via CloudTrail';
const CONSOLE_SIGN_IN = 'AWS Console Sign In via CloudTrail';

/** IAM calls that change who may do what: identities, their credentials, their policies, trusted identity providers. */
export const IAM_CHANGE_EVENTS: readonly string[] = [
  'CreateUser', 'DeleteUser', 'UpdateUser',
  'CreateGroup', 'DeleteGroup', 'UpdateGroup', 'AddUserToGroup', 'RemoveUserFromGroup',
  'CreateRole', 'DeleteRole', 'UpdateRole', 'UpdateAssumeRolePolicy',
  'AddRoleToInstanceProfile', 'RemoveRoleFromInstanceProfile',
  'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'SetDefaultPolicyVersion',
  'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy', 'AttachRolePolicy', 'DetachRolePolicy',
  'PutUserPolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'DeleteGroupPolicy', 'PutRolePolicy', 'DeleteRolePolicy',
  'PutUserPermissionsBoundary', 'DeleteUserPermissionsBoundary', 'PutRolePermissionsBoundary', 'DeleteRolePermissionsBoundary',
  'CreateAccessKey', 'UpdateAccessKey', 'DeleteAccessKey',
  'CreateLoginProfile', 'UpdateLoginProfile', 'DeleteLoginProfile',
  'EnableMFADevice', 'DeactivateMFADevice', 'DeleteVirtualMFADevice',
  'UploadSSHPublicKey', 'UpdateSSHPublicKey', 'DeleteSSHPublicKey',
  'UploadSigningCertificate', 'UpdateSigningCertificate', 'DeleteSigningCertificate',
  'CreateServiceSpecificCredential', 'UpdateServiceSpecificCredential', 'ResetServiceSpecificCredential', 'DeleteServiceSpecificCredential',
  'CreateSAMLProvider', 'UpdateSAMLProvider', 'DeleteSAMLProvider',
  'CreateOpenIDConnectProvider', 'DeleteOpenIDConnectProvider', 'UpdateOpenIDConnectProviderThumbprint',
  'AddClientIDToOpenIDConnectProvider', 'RemoveClientIDFromOpenIDConnectProvider',
  'UpdateAccountPasswordPolicy', 'DeleteAccountPasswordPolicy',
];

/** EC2 calls that open, close, create or delete security groups and their rules. */
export const SECURITY_GROUP_CHANGE_EVENTS: readonly string[] = [
  'AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress',
  'CreateSecurityGroup', 'DeleteSecurityGroup', 'ModifySecurityGroupRules',
];

/** EC2 calls that change network ACLs, their entries and which subnets they guard. */
export const NETWORK_ACL_CHANGE_EVENTS: readonly string[] = [
  'CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation',
];

function apiCalls(service: 'iam' | 'ec2', eventNames: readonly string[]): object {
  return { source: [`aws.${service}`], 'detail-type': [API_CALL], detail: { eventSource: [`${service}.amazonaws.com`], eventName: [...eventNames] } };
}

/** Where an audit rule runs: us-east-1 (`global`), the home region, or both. */
export type AuditRegions = 'global' | 'home' | 'both';

/** One audited event class. */
export interface AuditEvent {
  /** Construct id and the end of the rule's name. */
  readonly key: string;
  readonly description: string;
  readonly pattern: object;
  readonly regions: AuditRegions;
}

/**
 * The events posted to the alarm topics. IAM is a global service: its calls reach EventBridge in
 * us-east-1 only. Console sign-ins are recorded in us-east-1 (root, and IAM users through the global
 * endpoint) or in the region of the regional sign-in endpoint used, so that rule runs in both
 * regions (IAM users the global endpoint sends to us-east-2, eu-north-1 or ap-southeast-2 are not
 * seen). Root calls happen in any region: both. Security groups and network ACLs are in the home region.
 */
export const AUDIT_EVENTS: readonly AuditEvent[] = [
  {
    key: 'console-sign-in-without-mfa',
    description: 'A successful console sign-in of an IAM user or the root user without MFA',
    // Federated sign-ins (assumed roles) always report MFAUsed No, whatever the identity provider checked: not matched.
    pattern: {
      source: ['aws.signin'],
      'detail-type': [CONSOLE_SIGN_IN],
      detail: {
        eventName: ['ConsoleLogin'],
        userIdentity: { type: ['IAMUser', 'Root'] },
        additionalEventData: { MFAUsed: ['No'] },
        responseElements: { ConsoleLogin: ['Success'] },
      },
    },
    regions: 'both',
  },
  {
    key: 'root-use',
    description: 'The root user signed in or called an API (not a service acting for it)',
    pattern: {
      'detail-type': [API_CALL, CONSOLE_SIGN_IN],
      detail: { userIdentity: { type: ['Root'], invokedBy: [{ exists: false }] } },
    },
    regions: 'both',
  },
  { key: 'iam-changes', description: 'Users, roles, groups, policies, credentials or identity providers changed', pattern: apiCalls('iam', IAM_CHANGE_EVENTS), regions: 'global' },
  { key: 'security-group-changes', description: 'A security group or one of its rules changed', pattern: apiCalls('ec2', SECURITY_GROUP_CHANGE_EVENTS), regions: 'home' },
  { key: 'network-acl-changes', description: 'A network ACL, one of its entries or its subnets changed', pattern: apiCalls('ec2', NETWORK_ACL_CHANGE_EVENTS), regions: 'home' },
];

export interface AuditEventRuleProps {
  /** The rule's name, at most 64 characters (unique per region). */
  readonly name: string;
  readonly event: AuditEvent;
  /** The alarm topic of the rule's region. */
  readonly topicArn: string;
  /**
   * The provider of the rule's region.
   * @default - the stack's default provider (home region)
   */
  readonly provider?: AwsProvider;
}

/** An EventBridge rule on the default bus that posts the matching CloudTrail events, as they are, to an alarm topic of its region. */
export class AuditEventRule extends Construct {
  constructor(scope: Construct, id: string, props: AuditEventRuleProps) {
    super(scope, id);
    const rule = new CloudwatchEventRule(this, 'rule', {
      name: props.name,
      description: props.event.description,
      eventPattern: JSON.stringify(props.event.pattern),
      provider: props.provider,
    });
    new CloudwatchEventTarget(this, 'target', { rule: rule.name, targetId: 'alarm-topic', arn: props.topicArn, provider: props.provider });
  }
}
