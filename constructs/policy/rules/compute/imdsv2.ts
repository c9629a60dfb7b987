import { blocks, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

export const imdsV2: PolicyRule = {
  id: 'EC2-IMDSV2',
  pack: 'compute',
  title: 'Instances require IMDSv2 (session tokens for instance metadata).',
  explanation: 'IMDSv1 answers any request from the instance, so one server-side request forgery bug hands out the instance role credentials.',
  fix: 'Set metadata_options { http_tokens = "required" } on the launch template or instance.',
  check: ({ resources }) =>
    [...ofType(resources, 'aws_launch_template'), ...ofType(resources, 'aws_instance')].map((resource) =>
      verdict(resource, !blocks(resource.values.metadata_options).some((o) => o.http_tokens === 'required') && 'does not require IMDSv2 (http_tokens)'),
    ),
};
