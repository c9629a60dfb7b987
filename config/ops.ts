import { z } from 'zod';
import { retentionDays } from './fields';
import { logRetentionDays } from './log-retention';

/**
 * The `<env>-ops` stack's configuration (`ops:`): where alarms go and when they fire, how operator
 * sessions are recorded, and the optional change audit. Every alarm has a default; an environment
 * overrides only what it needs.
 */

/** Periods CloudWatch alarms accept on standard-resolution metrics: 10 s, 30 s, or a multiple of 60 s. */
export function isAlarmPeriod(seconds: number): boolean {
  return seconds === 10 || seconds === 30 || (seconds >= 60 && seconds % 60 === 0);
}

/**
 * The longest a CloudWatch alarm may look back (period x evaluation periods): one day, or seven days
 * for periods of an hour or more (PutMetricAlarm).
 */
export function maxEvaluationSeconds(periodSeconds: number): number {
  return periodSeconds >= 3600 ? 7 * 86400 : 86400;
}

/** One alarm: the threshold it compares with, over how many periods of how long. */
function alarmSchema(defaults: { readonly threshold: number; readonly periodSeconds: number; readonly evaluationPeriods: number }, maxThreshold?: number) {
  const threshold = z.number().positive('expected a threshold above 0');
  return z
    .object({
      /** The value that trips the alarm (its unit is in the alarm's name). */
      threshold: (maxThreshold === undefined ? threshold : threshold.max(maxThreshold, `expected at most ${maxThreshold}`)).default(defaults.threshold),
      /** Length of one period in seconds: 10, 30 or a multiple of 60. */
      periodSeconds: z
        .number()
        .int()
        .positive('expected a period above 0 seconds')
        .refine(isAlarmPeriod, 'expected 10, 30 or a multiple of 60 seconds')
        .default(defaults.periodSeconds),
      /** How many periods in a row must breach before the alarm fires (and recover before it clears). */
      evaluationPeriods: z.number().int().positive('expected at least 1 period').default(defaults.evaluationPeriods),
    })
    .strict()
    .superRefine((alarm, ctx) => {
      const limit = maxEvaluationSeconds(alarm.periodSeconds);
      if (alarm.periodSeconds * alarm.evaluationPeriods > limit) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['evaluationPeriods'],
          message: `expected periodSeconds x evaluationPeriods of at most ${limit} seconds (${limit / 86400} day${limit > 86400 ? 's' : ''}): CloudWatch looks back no further`,
        });
      }
    })
    .default({});
}

/** The alarms and their defaults. Alarms for a tier the environment does not have are not created. */
export const alarmThresholdsSchema = z
  .object({
    /** Load balancer: 5xx responses from the targets per period (Sum of HTTPCode_Target_5XX_Count). */
    targetErrors: alarmSchema({ threshold: 10, periodSeconds: 60, evaluationPeriods: 5 }),
    /** Load balancer: p95 target response time in seconds. */
    responseTimeSeconds: alarmSchema({ threshold: 2, periodSeconds: 60, evaluationPeriods: 5 }),
    /** Load balancer: unhealthy targets (Maximum of UnHealthyHostCount). */
    unhealthyHosts: alarmSchema({ threshold: 1, periodSeconds: 60, evaluationPeriods: 3 }),
    /** Aurora: writer and reader CPU in percent. */
    databaseCpuPercent: alarmSchema({ threshold: 80, periodSeconds: 300, evaluationPeriods: 3 }, 100),
    /** Aurora: fires when FreeableMemory falls below this many MiB. */
    databaseFreeableMemoryMiB: alarmSchema({ threshold: 256, periodSeconds: 300, evaluationPeriods: 3 }),
    /** Redis or Valkey: EngineCPUUtilization in percent, per node. */
    cacheCpuPercent: alarmSchema({ threshold: 80, periodSeconds: 300, evaluationPeriods: 3 }, 100),
    /** Redis or Valkey: DatabaseMemoryUsagePercentage, per node. */
    cacheMemoryPercent: alarmSchema({ threshold: 80, periodSeconds: 300, evaluationPeriods: 3 }, 100),
    /** Compute: the ECS service's or the Auto Scaling group's average CPU in percent. */
    computeCpuPercent: alarmSchema({ threshold: 85, periodSeconds: 300, evaluationPeriods: 3 }, 100),
    /** Compute: the ECS service's average memory in percent (Fargate only: EC2 publishes no memory metric). */
    computeMemoryPercent: alarmSchema({ threshold: 85, periodSeconds: 300, evaluationPeriods: 3 }, 100),
    /** Certificates: fires when either certificate has fewer days than this before it expires (ACM DaysToExpiry). */
    certificateDaysToExpiry: alarmSchema({ threshold: 30, periodSeconds: 86400, evaluationPeriods: 1 }),
    /** CloudFront: 5xx responses in percent of all requests (5xxErrorRate). */
    cdnErrorRatePercent: alarmSchema({ threshold: 5, periodSeconds: 300, evaluationPeriods: 3 }, 100),
  })
  .strict();

/** Slack's ids: upper-case letters and digits (AWS Chatbot's SlackTeamId and SlackChannelId). */
const SLACK_ID = /^[A-Z0-9]{9,11}$/;

/** An e-mail address SNS can subscribe: one @, a dotted domain, no spaces. */
export const EMAIL_PATTERN = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,63}$/;

const alarmsSchema = z
  .object({
    /**
     * An AWS Chatbot Slack channel that receives every alarm, recovery and audit event. The workspace
     * must have been authorized once in the AWS Chatbot console (README, Operating it).
     */
    slack: z
      .object({
        /** The Slack workspace (team) id, such as T0123ABCD, from the AWS Chatbot console. */
        workspaceId: z.string().regex(SLACK_ID, 'expected a Slack workspace id: 9-11 upper-case letters and digits, such as T0123ABCD4'),
        /** The channel id, such as C0123ABCD (Slack: channel details, at the bottom). */
        channelId: z.string().regex(SLACK_ID, 'expected a Slack channel id: 9-11 upper-case letters and digits, such as C0123ABCD4'),
      })
      .strict()
      .optional(),
    /** E-mail addresses subscribed to both alarm topics (each confirms the subscription once). */
    emails: z
      .array(z.string().regex(EMAIL_PATTERN, 'expected an e-mail address such as ops@example.com'))
      .max(10, 'expected at most 10 addresses: use a mailing list')
      .default([]),
    thresholds: alarmThresholdsSchema.default({}),
  })
  .strict();

/** A Linux user name Session Manager can run as. */
const LINUX_USER = /^[a-z_][a-z0-9_-]{0,31}$/;

const sessionManagerSchema = z
  .object({
    /**
     * Write the account's Session Manager preferences (the `SSM-SessionManagerRunShell` document) for
     * the home region: one per account and region, so only one environment there may do it.
     */
    enabled: z.boolean().default(true),
    /** Days session transcripts are kept in the session log group. */
    logRetentionDays: logRetentionDays.default(365),
    /** Minutes without input before a session is ended (1-60). */
    idleTimeoutMinutes: z.number().int().min(1).max(60).default(20),
    /** Longest a session may last, in minutes (1-1440); no limit when left out. */
    maxSessionMinutes: z.number().int().min(1).max(1440).optional(),
    /** Run sessions as this Linux user instead of `ssm-user`, which has sudo. */
    runAsUser: z.string().regex(LINUX_USER, 'expected a Linux user name such as webops (a-z, 0-9, _ and -, up to 32 characters)').optional(),
  })
  .strict();

const changeAuditSchema = z
  .object({
    /**
     * A multi-region CloudTrail trail with log file validation, and EventBridge rules that post console
     * sign-ins without MFA, root use, and security group, IAM and network ACL changes to the alarm topics.
     */
    enabled: z.boolean().default(false),
    /** Days trail log files are kept. */
    retentionDays: retentionDays.default(365),
  })
  .strict();

export const opsSchema = z
  .object({
    alarms: alarmsSchema.default({}),
    sessionManager: sessionManagerSchema.default({}),
    changeAudit: changeAuditSchema.default({}),
  })
  .strict();

export type OpsConfig = z.infer<typeof opsSchema>;
export type AlarmThresholds = z.infer<typeof alarmThresholdsSchema>;
export type AlarmSettings = AlarmThresholds[keyof AlarmThresholds];
