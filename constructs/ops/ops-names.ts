import { Naming } from '../naming';

/**
 * Physical names of the ops tier that other tiers write into their own resources before the ops
 * stack exists (the app tier's roles may write session transcripts to the session log group).
 */

/** The CloudWatch log group Session Manager (and ECS Exec) stream every session to. */
export function sessionLogGroupName(naming: Naming): string {
  return `/aws/ssm/${naming.name('ops', 'sessions', 400)}`;
}

/** The session log group's ARN (as CloudWatch Logs' encryption context names it), known before it exists: for the ops key's policy. */
export function sessionLogGroupArn(naming: Naming, region: string, accountId: string): string {
  return `arn:aws:logs:${region}:${accountId}:log-group:${sessionLogGroupName(naming)}`;
}

/** The alarm topic in the home region, and its twin in us-east-1 for CloudFront's and the CloudFront certificate's alarms. */
export function alarmTopicName(naming: Naming, where: 'home' | 'global'): string {
  return naming.name('ops', where === 'home' ? 'alarms' : 'alarms-us-east-1', 256);
}

/** The home alarm topic's ARN, for alarms of tiers applied before the ops stack creates it (CloudWatch takes an action's ARN as it is). */
export function alarmTopicArn(naming: Naming, region: string, accountId: string): string {
  return `arn:aws:sns:${region}:${accountId}:${alarmTopicName(naming, 'home')}`;
}
