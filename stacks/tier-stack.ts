import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config/schema';
import { LockedS3Backend } from '../constructs/backend';
import { Naming, Tier } from '../constructs/naming';
import { PolicyAspect } from '../constructs/policy/aspect';
import { defaultTags } from '../constructs/tags';

/** Region of CloudFront's certificates and global WAF web ACLs. */
export const GLOBAL_REGION = 'us-east-1';

export interface TierStackProps {
  /** The validated environment. */
  readonly config: EnvironmentConfig;
  /** The tier this stack holds; the stack is named `<environment>-<tier>`. */
  readonly tier: Tier;
  /**
   * Where the stack keeps its state.
   * @default 's3' - the environment's state bucket, locked as `state.locking` says
   */
  readonly backend?: 'local' | 's3';
}

/**
 * One tier of one environment: the AWS provider pinned to the environment's account
 * with the standard tags, the backend, and the policy rules checked at synth.
 * Subclasses add the tier's construct.
 */
export class TierStack extends TerraformStack {
  public readonly config: EnvironmentConfig;
  public readonly tier: Tier;
  public readonly naming: Naming;
  /** Provider in the environment's home region. */
  public readonly provider: AwsProvider;
  private globalRegionProvider?: AwsProvider;

  constructor(scope: Construct, props: TierStackProps) {
    super(scope, `${props.config.environment}-${props.tier}`);
    this.config = props.config;
    this.tier = props.tier;
    this.naming = new Naming(props.config);
    this.provider = new AwsProvider(this, 'aws', this.providerSettings(props.config.region));
    if (props.backend === 'local') {
      new LocalBackend(this, { path: 'terraform.tfstate' });
    } else {
      new LockedS3Backend(this, props.config, props.tier);
    }
    Aspects.of(this).add(new PolicyAspect(this, props.config));
  }

  /** An aliased provider in us-east-1 (CloudFront certificates, global WAF), created on first use. */
  get globalProvider(): AwsProvider {
    this.globalRegionProvider ??= this.aliasedProvider('global', GLOBAL_REGION);
    return this.globalRegionProvider;
  }

  /** Another provider of this stack in `region`, pinned and tagged like the default one; `aws.<alias>` in Terraform. */
  protected aliasedProvider(alias: string, region: string): AwsProvider {
    return new AwsProvider(this, `aws-${alias}`, { ...this.providerSettings(region), alias });
  }

  private providerSettings(region: string) {
    return {
      region,
      allowedAccountIds: [this.config.accountId],
      defaultTags: [{ tags: defaultTags(this.config, this.tier) }],
    };
  }
}
