/** Text patterns shared by the schema, its rules and the loader. */

/** A region name's shape; whether the region exists is checked against config/aws/regions.json. */
export const REGION_PATTERN =
  /^(us|eu|ap|sa|ca|me|af|il|mx)(-gov)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-\d$/;
/** An availability zone name's shape, such as eu-west-1a. */
export const AVAILABILITY_ZONE_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/;
/** An environment name, which is also its file name: 2-10 characters of a-z and 0-9, starting with a letter. */
export const ENVIRONMENT_NAME_PATTERN = /^[a-z][a-z0-9]{1,9}$/;
/** A project name: 3-16 characters of a-z, 0-9 and -, starting with a letter, not ending with -. */
export const PROJECT_NAME_PATTERN = /^[a-z][a-z0-9-]{1,14}[a-z0-9]$/;
/** A KMS key ARN: a single-region key (`key/<uuid>`) or a multi-region key (`key/mrk-<32 hex digits>`). */
export const KMS_KEY_ARN_PATTERN =
  /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
/** A Route53 hosted zone id, such as Z0123456789ABCDEFGHIJ. */
export const ROUTE53_ZONE_ID = /^Z[A-Z0-9]{4,32}$/;

const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** True for a lower-case DNS name of two or more labels with an alphabetic top-level label. */
export function isDomainName(value: string): boolean {
  if (value.length > 253) return false;
  const labels = value.split('.');
  return labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label)) && /^[a-z]{2,63}$/.test(labels[labels.length - 1]);
}
