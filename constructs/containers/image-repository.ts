/** `<account>.dkr.ecr.<region>.amazonaws.com/<repository>[:<tag>][@sha256:<digest>]`. */
const PRIVATE_ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([a-z0-9._\/-]+?)(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/**
 * The ARN of the Amazon ECR private repository an image reference names, or undefined for an image
 * in any other registry (ECR Public, Docker Hub, ...), which tasks pull without AWS permissions.
 */
export function ecrRepositoryArnOf(image: string): string | undefined {
  const match = PRIVATE_ECR_IMAGE.exec(image);
  if (match === null) return undefined;
  const [, account, region, repository] = match;
  return `arn:aws:ecr:${region}:${account}:repository/${repository}`;
}
