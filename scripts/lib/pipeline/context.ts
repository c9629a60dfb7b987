import { EnvironmentConfig } from '../../../config/schema';
import { PermissionStatement } from './policy-document';
import { Block, S3BackendSettings, StackJson } from '../stack-json';

/** A stack the pipeline runs: its state is in S3. */
export interface CoveredStack {
  readonly name: string;
  readonly json: StackJson;
  readonly backend: S3BackendSettings;
}

/** What every part of the roles is built from. */
export interface PolicyContext {
  readonly config: EnvironmentConfig;
  /** `aws`, or `aws-cn` / `aws-us-gov` for those regions. */
  readonly partition: string;
  /** The start of every physical name of the environment (Naming): `<project>-<environment>-`. */
  readonly namePrefix: string;
  /** The stacks the roles are for. */
  readonly stacks: readonly CoveredStack[];
  /** Every resource of those stacks. */
  readonly resources: readonly Block[];
  /** Every data source of those stacks. */
  readonly dataSources: readonly Block[];
  /** Every stack given, by name, including those the pipeline does not run: references are followed through them. */
  readonly allStacks: ReadonlyMap<string, StackJson>;
}

/** Statements of one concern: those of the plan role, and those apply has on top of them. */
export interface PolicyParts {
  readonly plan: PermissionStatement[];
  readonly apply: PermissionStatement[];
}

/** The partition of a region's ARNs. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** An allow statement. */
export function allow(Sid: string, Action: string[], Resource: string[], Condition?: PermissionStatement['Condition']): PermissionStatement {
  return Condition === undefined ? { Sid, Effect: 'Allow', Action, Resource } : { Sid, Effect: 'Allow', Action, Resource, Condition };
}

/** The parts with no statement. */
export const NO_PARTS: PolicyParts = { plan: [], apply: [] };
