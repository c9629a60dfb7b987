import { LbListenerRuleAction } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { OidcConfig } from '../../config/internal-site';

/** The Terraform variable that carries the OpenID Connect client secret. */
export const OIDC_CLIENT_SECRET_VARIABLE = 'internal_site_oidc_client_secret';

export interface OidcSignInProps {
  /** The identity provider and this site's client registration (`internalSite.oidc`). */
  readonly oidc: OidcConfig;
}

/**
 * OpenID Connect sign-in on the load balancer's listener rules. The client secret is never in the
 * configuration or the synthesized JSON: it is the sensitive Terraform variable
 * `internal_site_oidc_client_secret`, without a default, which Terraform asks for at plan and apply
 * time (`TF_VAR_internal_site_oidc_client_secret`). It stays in the state, as every listener
 * argument does: the state bucket is encrypted and private.
 */
export class OidcSignIn extends Construct {
  private readonly clientSecret: string;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: OidcSignInProps,
  ) {
    super(scope, id);
    const variable = new TerraformVariable(this, 'client-secret', {
      type: 'string',
      sensitive: true,
      nullable: false,
      description: `Client secret of the OpenID Connect client ${props.oidc.clientId} at ${props.oidc.issuer}. Never write it in a file: export TF_VAR_${OIDC_CLIENT_SECRET_VARIABLE} before terraform plan and apply.`,
    });
    variable.overrideLogicalId(OIDC_CLIENT_SECRET_VARIABLE);
    this.clientSecret = variable.stringValue;
  }

  /** The action that signs a visitor in (unauthenticated requests go to the provider), as action number `order` of a rule. */
  action(order: number): LbListenerRuleAction {
    const { oidc } = this.props;
    return {
      type: 'authenticate-oidc',
      order,
      authenticateOidc: {
        issuer: oidc.issuer,
        authorizationEndpoint: oidc.authorizationEndpoint,
        tokenEndpoint: oidc.tokenEndpoint,
        userInfoEndpoint: oidc.userInfoEndpoint,
        clientId: oidc.clientId,
        clientSecret: this.clientSecret,
        scope: oidc.scope,
        sessionTimeout: oidc.sessionTimeoutSeconds,
        onUnauthenticatedRequest: 'authenticate',
      },
    };
  }
}
