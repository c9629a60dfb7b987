import { blocks, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Instances require IMDSv2 session tokens. */
export const imdsV2: PolicyRule = {
  id: 'EC2-IMDSV2',
  pack: 'compute',
  title: 'Instances require IMDSv2 (session tokens for instance metadata).',
  explanation: 'IMDSv1 answers any request from the instance, so one server-side request forgery bug hands out the instance role\'s credentials.',
  fix: 'Set metadata_options { http_tokens = "required" } on the launch template or instance (or http_endpoint = "disabled").',
  check: ({ resources }) =>
    ofType(resources, 'aws_launch_template', 'aws_instance').map((resource) => {
      const options = blocks(resource.values.metadata_options);
      const safe = options.some((o) => o.http_tokens === 'required' || o.http_endpoint === 'disabled');
      return verdict(resource, !safe && 'does not require IMDSv2 (metadata_options http_tokens is not "required")');
    }),
};
