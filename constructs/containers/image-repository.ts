import { parseEcrImage } from '../../config/container';

/**
 * The ARN of the Amazon ECR private repository an image reference names, or undefined for an image
 * in any other registry (ECR Public, Docker Hub, ...), which tasks pull without AWS permissions.
 */
export function ecrRepositoryArnOf(image: string): string | undefined {
  const ecr = parseEcrImage(image);
  return ecr === undefined ? undefined : `arn:aws:ecr:${ecr.region}:${ecr.accountId}:repository/${ecr.repository}`;
}
