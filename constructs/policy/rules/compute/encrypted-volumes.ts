import { blocks, isTrue, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Root and data volumes are encrypted. */
export const encryptedVolumes: PolicyRule = {
  id: 'EC2-ENCRYPTED-VOLUMES',
  pack: 'compute',
  title: 'Root and data volumes of instances are encrypted.',
  explanation: 'An unencrypted volume, and every snapshot of it, can be read by anyone who gets a copy, including through a shared snapshot.',
  fix:
    'Declare the root volume in the launch template (block_device_mappings { ebs { encrypted = true } }) or set root_block_device { encrypted = true } ' +
    'and encrypted = true on every ebs_block_device and aws_ebs_volume; or enable aws_ebs_encryption_by_default in the stack.',
  check: ({ resources }) => {
    if (ofType(resources, 'aws_ebs_encryption_by_default').some((setting) => setting.values.enabled === undefined || isTrue(setting.values.enabled))) return [];
    return [
      ...ofType(resources, 'aws_launch_template').map((template) => {
        const volumes = blocks(template.values.block_device_mappings).flatMap((mapping) => blocks(mapping.ebs));
        if (volumes.length === 0) return verdict(template, 'declares no root volume, so it is as encrypted as the AMI\'s snapshot');
        return verdict(template, volumes.some((ebs) => !isTrue(ebs.encrypted)) && 'has a volume without encryption');
      }),
      ...ofType(resources, 'aws_instance').map((instance) => {
        const volumes = [...blocks(instance.values.root_block_device), ...blocks(instance.values.ebs_block_device)];
        const root = blocks(instance.values.root_block_device)[0];
        return verdict(instance, (!root || volumes.some((volume) => !isTrue(volume.encrypted))) && 'has a root or data volume without encryption');
      }),
      ...ofType(resources, 'aws_ebs_volume').map((volume) => verdict(volume, !isTrue(volume.values.encrypted) && 'is not encrypted')),
    ];
  },
};
