import { ofType, references, verdict } from '../../resources';
import { PolicyRule } from '../../types';

export const wafAttached: PolicyRule = {
  id: 'WAF-ATTACHED',
  pack: 'edge',
  title: 'Every CloudFront distribution and internet-facing load balancer has a WAF web ACL.',
  explanation: 'Without a WAF, common exploits, known bad inputs and floods from one address reach the application unfiltered.',
  fix: 'Set web_acl_id on the distribution (a CLOUDFRONT web ACL in us-east-1) and add an aws_wafv2_web_acl_association for the load balancer.',
  check: ({ resources }) => [
    ...ofType(resources, 'aws_cloudfront_distribution').map((distribution) => verdict(distribution, !distribution.values.web_acl_id && 'has no WAF web ACL')),
    ...ofType(resources, 'aws_lb')
      .filter((lb) => lb.values.internal !== true && (lb.values.load_balancer_type ?? 'application') === 'application')
      .map((lb) =>
        verdict(lb, !ofType(resources, 'aws_wafv2_web_acl_association').some((a) => references(a.values.resource_arn, lb)) && 'is internet-facing without a WAF web ACL'),
      ),
  ],
};
