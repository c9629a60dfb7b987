import { EnvironmentConfig } from '../../config/schema';
import { Naming } from '../../constructs/naming';
import { accountServiceStatements } from './pipeline/account-services';
import { CoveredStack, partitionOf, PolicyContext, PolicyParts } from './pipeline/context';
import { bucketStatements } from './pipeline/named-buckets';
import { iamStatements } from './pipeline/named-iam';
import { namedResourceStatements } from './pipeline/named-resources';
import { secretStatements } from './pipeline/named-secrets';
import { assertWithinSizeLimit, compare, normalizedDocument, PipelinePolicyError, PolicyDocument, TrustStatement } from './pipeline/policy-document';
import { dataSourceRead, resourceTypeAccess } from './pipeline/resource-types';
import { dataSourcesOf, resourcesOf, s3Backend, StackJson } from './stack-json';
import { stateStatements } from './pipeline/state-access';
import { checkRepository, environmentSubject, githubTrustPolicy, pullRequestSubject, REPOSITORY_PLACEHOLDER } from './pipeline/trust';

export { MANAGED_POLICY_SIZE_LIMIT, PipelinePolicyError, policySize } from './pipeline/policy-document';
export type { PermissionStatement, PolicyDocument, TrustStatement } from './pipeline/policy-document';
export type { StackJson } from './stack-json';
export { REPOSITORY_PLACEHOLDER } from './pipeline/trust';

export interface PipelinePolicyOptions {
  /**
   * The GitHub repository whose workflows assume the roles, `<owner>/<repo>`.
   * @default 'OWNER/REPO' - a placeholder to replace before the roles are created
   */
  readonly repository?: string;
}

/** The two CI roles of one environment: their permissions and their trust policies, ready for `aws iam`. */
export interface PipelinePolicies {
  /** The plan role's permissions: read-only, plus the state lock. */
  readonly plan: PolicyDocument;
  /** The apply role's permissions: the plan role's, plus writing the stacks' resources and state. */
  readonly apply: PolicyDocument;
  /** Who may assume the plan role: the repository's pull request workflows. */
  readonly planTrust: PolicyDocument<TrustStatement>;
  /** Who may assume the apply role: the repository's jobs in the GitHub environment named as the environment. */
  readonly applyTrust: PolicyDocument<TrustStatement>;
  /** The stacks the roles are made for (state in S3), sorted. */
  readonly stacks: readonly string[];
  /** The stacks left out because their state is local (the state stack before it is migrated): the pipeline cannot run them. */
  readonly localStacks: readonly string[];
}

/**
 * The IAM policies of the CI pipeline's plan and apply roles for one environment, from its synthesized
 * stacks (stack name -> parsed cdk.tf.json, every stack of the environment): the services their resource types belong to, the reads
 * their data sources make, their state as their backend blocks name it. Pure and deterministic.
 * Throws a PipelinePolicyError (userFacing) for a resource or data source type the table does not
 * know, a stack of another environment, an IAM name outside the environment's prefix, a document
 * over IAM's size limit, or an environment with no stack whose state is in S3.
 */
export function pipelinePolicies(config: EnvironmentConfig, synthesized: ReadonlyMap<string, object>, options: PipelinePolicyOptions = {}): PipelinePolicies {
  // Any parsed cdk.tf.json will do (the handoff's own stack type among them); only the parts StackJson names are read.
  const stacks = synthesized as ReadonlyMap<string, StackJson>;
  const repository = options.repository ?? REPOSITORY_PLACEHOLDER;
  checkRepository(repository);
  const names = [...stacks.keys()].sort(compare);
  const covered: CoveredStack[] = [];
  const localStacks: string[] = [];
  for (const name of names) {
    if (!name.startsWith(`${config.environment}-`)) {
      throw new PipelinePolicyError(`stack ${name} is not a stack of environment ${config.environment} (its stacks are named ${config.environment}-<tier>)`);
    }
    const json = stacks.get(name)!;
    // Every stack is checked against the table, even one the pipeline does not run yet.
    resourcesOf(name, json).forEach((resource) => resourceTypeAccess(name, resource.type));
    dataSourcesOf(name, json).forEach((source) => dataSourceRead(name, source.type));
    const backend = s3Backend(name, json);
    if (backend === undefined) localStacks.push(name);
    else covered.push({ name, json, backend });
  }
  if (covered.length === 0) {
    throw new PipelinePolicyError(
      `environment ${config.environment}: no stack keeps its state in S3 (${names.length === 0 ? 'no stack given' : `local: ${localStacks.join(', ')}`}); ` +
        'synthesize its stacks and migrate the state stack as the README says before making pipeline roles',
    );
  }

  const context: PolicyContext = {
    config,
    partition: partitionOf(config.region),
    namePrefix: new Naming(config).environmentPrefix(),
    stacks: covered,
    resources: covered.flatMap((stack) => resourcesOf(stack.name, stack.json)),
    dataSources: covered.flatMap((stack) => dataSourcesOf(stack.name, stack.json)),
    allStacks: stacks,
  };
  const parts: PolicyParts[] = [
    stateStatements(context),
    accountServiceStatements(context),
    iamStatements(context),
    bucketStatements(context),
    secretStatements(context),
    namedResourceStatements(context),
  ];
  const planStatements = parts.flatMap((part) => part.plan);
  const plan = normalizedDocument(planStatements);
  const apply = normalizedDocument([...planStatements, ...parts.flatMap((part) => part.apply)]);
  assertWithinSizeLimit(plan, `environment ${config.environment}, plan role`);
  assertWithinSizeLimit(apply, `environment ${config.environment}, apply role`);
  return {
    plan,
    apply,
    planTrust: githubTrustPolicy(context.partition, config.accountId, pullRequestSubject(repository)),
    applyTrust: githubTrustPolicy(context.partition, config.accountId, environmentSubject(repository, config.environment)),
    stacks: covered.map((stack) => stack.name),
    localStacks,
  };
}
