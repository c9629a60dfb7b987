import { PipelinePolicyError, PolicyDocument, TrustStatement } from './policy-document';

/** The issuer of GitHub Actions' OIDC tokens: the IAM OIDC identity provider the account needs once. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** The audience aws-actions/configure-aws-credentials asks for. */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';
/** The repository placeholder, replaced with `<owner>/<repo>` before the roles are created. */
export const REPOSITORY_PLACEHOLDER = 'OWNER/REPO';

const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/** Throws a PipelinePolicyError unless `repository` is `<owner>/<repo>` (or the placeholder). */
export function checkRepository(repository: string): void {
  if (repository !== REPOSITORY_PLACEHOLDER && !REPOSITORY.test(repository)) {
    throw new PipelinePolicyError(`repository ${JSON.stringify(repository)}: expected <owner>/<repo> as GitHub spells it, such as acme/web-platform`);
  }
}

/**
 * The trust policy of a role GitHub Actions assumes with its OIDC token: the account's GitHub OIDC
 * provider, the STS audience, and exactly one `sub` claim.
 */
export function githubTrustPolicy(partition: string, accountId: string, subject: string): PolicyDocument<TrustStatement> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GitHubActions',
        Effect: 'Allow',
        Principal: { Federated: `arn:${partition}:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}` },
        Action: ['sts:AssumeRoleWithWebIdentity'],
        Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: [GITHUB_OIDC_AUDIENCE], [`${GITHUB_OIDC_HOST}:sub`]: [subject] } },
      },
    ],
  };
}

/** The `sub` claim of a pull request's workflow run. */
export function pullRequestSubject(repository: string): string {
  return `repo:${repository}:pull_request`;
}

/** The `sub` claim of a job that names a GitHub environment (the one with required reviewers). */
export function environmentSubject(repository: string, environment: string): string {
  return `repo:${repository}:environment:${environment}`;
}
