import { blocks, isLiteral, ofType, references, verdict } from '../../resources';
import { PolicyContext, PolicyRule, StackResource } from '../../types';

/** The arguments of a metric alarm that list actions. */
const ACTION_FIELDS = ['alarm_actions', 'ok_actions', 'insufficient_data_actions'] as const;
/** An SNS topic's ARN, with its region: arn:aws:sns:eu-west-1:123456789012:name. */
const SNS_ARN = /^arn:[a-z-]+:sns:([^:]*):/;

/** The provider a resource is created with, as written in its `provider` argument: `aws.<alias>`, or `aws` for the default block. */
export function providerOf(resource: StackResource): string {
  const named = resource.values.provider;
  if (typeof named === 'string' && named !== '') return named.replace(/^\$\{(.*)\}$/, '$1');
  return resource.type.replace(/^data\./, '').split('_')[0];
}

/** What is wrong with one action of `alarm`: nothing when it names SNS topics of its region, or no SNS topic. */
function actionProblems(context: PolicyContext, alarm: StackResource, field: string, action: unknown, topics: readonly StackResource[]): string[] {
  const alarmProvider = providerOf(alarm);
  const alarmRegion = context.providerRegions?.[alarmProvider];
  const named = topics.filter((topic) => references(action, topic));
  if (named.length > 0) {
    return named.flatMap((topic) => {
      const topicProvider = providerOf(topic);
      const topicRegion = context.providerRegions?.[topicProvider];
      if (alarmRegion !== undefined && topicRegion !== undefined) {
        return topicRegion === alarmRegion ? [] : [`sends ${field} to ${topic.address} in ${topicRegion}, not in its own region ${alarmRegion}`];
      }
      return topicProvider === alarmProvider ? [] : [`sends ${field} to ${topic.address} of provider ${topicProvider}, not of its own provider ${alarmProvider}`];
    });
  }
  const arn = typeof action === 'string' ? SNS_ARN.exec(action) : null;
  if (arn === null) return [];
  const region = arn[1];
  if (!isLiteral(region)) return [`sends ${field} to SNS topic ${action} whose region is not a literal: it cannot be checked`];
  if (alarmRegion === undefined) return [`sends ${field} to SNS topic ${action}, but its own region is unknown (provider ${alarmProvider} has no literal region)`];
  return region === alarmRegion ? [] : [`sends ${field} to SNS topic ${action} in ${region}, not in its own region ${alarmRegion}`];
}

/**
 * Every CloudWatch metric alarm has an action, and notifies SNS topics of its own region only.
 * A topic of the stack is compared by its provider's region (by provider when a region is not
 * known); a literal topic ARN by the region it names. Other actions (Auto Scaling, EC2, a value
 * from another stack's outputs) are not judged.
 */
export const alarmActionRegion: PolicyRule = {
  id: 'ALARM-ACTION-REGION',
  pack: 'observability',
  title: 'Every CloudWatch alarm has an alarm action, and notifies SNS topics in its own region only.',
  explanation:
    'CloudWatch can only publish to an SNS topic in the alarm\'s region: an action on a topic elsewhere never fires, so the alarm goes off and nobody hears; an alarm without actions is only seen by whoever opens the console.',
  fix:
    'Create the alarm and its topic with the same provider (us-east-1 metrics such as CloudFront\'s and the CloudFront certificate\'s need a topic in us-east-1), and set alarm_actions (and ok_actions) to that topic\'s arn.',
  check: (context) => {
    const topics = ofType(context.resources, 'aws_sns_topic', 'data.aws_sns_topic');
    return ofType(context.resources, 'aws_cloudwatch_metric_alarm').map((alarm) => {
      const problems = ACTION_FIELDS.flatMap((field) => blocks(alarm.values[field]).flatMap((action: unknown) => actionProblems(context, alarm, field, action, topics)));
      if (blocks(alarm.values.alarm_actions).length === 0) problems.unshift('has no alarm action');
      return verdict(alarm, problems.length > 0 && problems.join('; '));
    });
  },
};
