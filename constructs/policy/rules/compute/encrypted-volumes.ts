import { blocks, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

export const encryptedVolumes: PolicyRule = {
  id: 'EC2-ENCRYPTED-VOLUMES',
  pack: 'compute',
  title: 'Root and data volumes are encrypted.',
  explanation: 'Unencrypted volumes and their snapshots can be read by anyone who gets a copy, including through a shared snapshot.',
  fix: 'Set ebs { encrypted = true } on every block device mapping (root_block_device { encrypted = true } on an instance).',
  check: ({ resources }) => [
    ...ofType(resources, 'aws_launch_template').map((template) => {
      const volumes = blocks(template.values.block_device_mappings).flatMap((mapping) => blocks(mapping.ebs));
      const plain = volumes.filter((ebs) => `${ebs.encrypted}` !== 'true');
      return verdict(template, (volumes.length === 0 || plain.length > 0) && 'has a block device without encryption (or no explicit root volume)');
    }),
    ...ofType(resources, 'aws_instance').map((instance) =>
      verdict(instance, !blocks(instance.values.root_block_device).some((root) => root.encrypted === true) && 'root volume is not encrypted'),
    ),
  ],
};
