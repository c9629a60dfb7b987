import { isTrue, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Application load balancers drop invalid header fields. */
export const albDropInvalidHeaders: PolicyRule = {
  id: 'ALB-DROP-INVALID-HEADERS',
  pack: 'edge',
  title: 'Application load balancers drop invalid HTTP header fields.',
  explanation: 'Malformed headers passed on to the application are a known route to request smuggling and header injection.',
  fix: 'Set drop_invalid_header_fields = true on the load balancer.',
  check: ({ resources }) =>
    ofType(resources, 'aws_lb')
      .filter((lb) => (lb.values.load_balancer_type ?? 'application') === 'application')
      .map((lb) => verdict(lb, !isTrue(lb.values.drop_invalid_header_fields) && 'passes invalid header fields on to its targets')),
};
