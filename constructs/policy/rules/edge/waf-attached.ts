import { isTrue, ofType, references, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Every CloudFront distribution and internet-facing ALB has a WAF web ACL. */
export const wafAttached: PolicyRule = {
  id: 'WAF-ATTACHED',
  pack: 'edge',
  title: 'A WAF web ACL is attached to every CloudFront distribution and every internet-facing ALB.',
  explanation: 'Without a WAF, common exploits, known bad inputs and floods from one address reach the application unfiltered.',
  fix: 'Set web_acl_id on the distribution (a CLOUDFRONT-scope web ACL in us-east-1); add an aws_wafv2_web_acl_association for the load balancer in its stack.',
  check: ({ resources }) => [
    ...ofType(resources, 'aws_cloudfront_distribution').map((distribution) => verdict(distribution, !distribution.values.web_acl_id && 'has no WAF web ACL (web_acl_id)')),
    ...ofType(resources, 'aws_lb')
      .filter((lb) => !isTrue(lb.values.internal) && (lb.values.load_balancer_type ?? 'application') === 'application')
      .map((lb) =>
        verdict(
          lb,
          !ofType(resources, 'aws_wafv2_web_acl_association').some((association) => references(association.values.resource_arn, lb)) &&
            'is internet-facing without a WAF web ACL association',
        ),
      ),
  ],
};
