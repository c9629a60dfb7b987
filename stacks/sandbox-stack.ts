import { KeyPair } from '@cdktf/provider-aws/lib/key-pair';
import { Construct } from 'constructs';
import { resolveAmi } from '../config/ami';
import { CpuArchitecture, sandboxInstanceArchitecture } from '../config/aws';
import { EnvironmentConfig } from '../config/schema';
import { SandboxConfig } from '../config/sandbox';
import { MachineImage } from '../constructs/compute/machine-image';
import { suppressPolicy } from '../constructs/policy/suppressions';
import { InterfaceEndpoints } from '../constructs/network/interface-endpoints';
import { databaseServerBootScript, webServerBootScript } from '../constructs/sandbox/boot-scripts';
import { SANDBOX_OUTPUT_DESCRIPTIONS, SANDBOX_OUTPUT_NAMES, SandboxOutputs } from '../constructs/sandbox/outputs';
import { SandboxPrivateNames } from '../constructs/sandbox/private-names';
import { SandboxNaming } from '../constructs/sandbox/sandbox-naming';
import { SandboxNetwork } from '../constructs/sandbox/sandbox-network';
import { SandboxSecurityGroups } from '../constructs/sandbox/security-groups';
import { SandboxServer } from '../constructs/sandbox/server';
import { MAX_NAME_PREFIX_LENGTH, StartStopSchedule } from '../constructs/schedules/start-stop-schedule';
import { InstancesTarget } from '../constructs/schedules/targets';
import { publishTierOutputs } from '../constructs/tier-outputs';
import { EncryptionKeys } from '../constructs/encryption-keys';
import { TierStack } from './tier-stack';

/** The interface endpoints Session Manager needs to reach an instance without a route to the internet. */
export const SANDBOX_SESSION_MANAGER_SERVICES = ['ssm', 'ssmmessages', 'ec2messages'] as const;

/** Tag key both sandbox servers carry (value `<project>-<env>-sandbox-servers`): what a start/stop schedule may act on. */
export const SANDBOX_SERVER_TAG = 'sandbox-servers';

/** The sandbox's private hosted zone: `sandbox.<env>.<project>.internal`, apart from the web platform's `<env>.<project>.internal`. */
export function sandboxZoneName(config: EnvironmentConfig): string {
  return `sandbox.${config.environment}.${config.project}.internal`;
}

/**
 * `<env>-sandbox`: the classic sandbox in one stack. Its own single-zone VPC (the only one the
 * project allows), a web server with Apache and an Elastic IP in the public subnet, a database
 * server with MariaDB in the private subnet that only the web server reaches, private names for
 * both, and optionally NAT, SSH from one admin address, a key pair and the Session Manager
 * endpoints. The web server's 80/443 from anywhere is the policy's one public-sandbox exception.
 */
export class SandboxStack extends TierStack {
  /**
   * Both servers, as a start/stop schedule targets them (`sandbox.schedule`): their ids, and the
   * tag only they carry, which limits the scheduler role to them.
   */
  public readonly scheduleTarget: InstancesTarget;

  constructor(scope: Construct, config: EnvironmentConfig, sandbox: SandboxConfig) {
    super(scope, { config, tier: 'sandbox' });
    const naming = new SandboxNaming(config);
    const serverTag = { key: SANDBOX_SERVER_TAG, value: naming.name('sandbox', 'servers', 255) };

    const network = new SandboxNetwork(this, 'network', {
      naming,
      region: config.region,
      accountId: config.accountId,
      cidr: sandbox.cidr,
      availabilityZone: sandbox.availabilityZone,
      publicSubnetCidr: sandbox.publicSubnet,
      privateSubnetCidr: sandbox.privateSubnet,
      natGateway: sandbox.natGateway,
      logsKmsKeyArn: EncryptionKeys.logs(this, config),
    });
    const groups = new SandboxSecurityGroups(this, 'security-groups', {
      naming,
      vpcId: network.vpcId,
      s3PrefixListId: network.s3PrefixListId,
      adminSshCidr: sandbox.adminSshCidr,
      natGateway: sandbox.natGateway,
      sessionManagerEndpoints: sandbox.sessionManagerEndpoints,
    });
    if (groups.endpointsSecurityGroupId !== undefined) {
      new InterfaceEndpoints(this, 'endpoints', {
        naming,
        vpcId: network.vpcId,
        region: config.region,
        accountId: config.accountId,
        services: SANDBOX_SESSION_MANAGER_SERVICES,
        subnetIds: [network.privateSubnetId],
        securityGroupId: groups.endpointsSecurityGroupId,
      });
    }
    const keyPair =
      sandbox.sshPublicKey === undefined ? undefined : new KeyPair(this, 'key-pair', { keyName: naming.name('sandbox', 'admin', 255), publicKey: sandbox.sshPublicKey });

    const images = new SandboxImages(this, sandbox);
    const webImage = images.forInstanceType(sandbox.webInstanceType);
    const web = new SandboxServer(this, 'web', {
      name: naming.name('sandbox', 'web'),
      imageId: webImage.instanceImageId,
      instanceType: sandbox.webInstanceType,
      subnetId: network.publicSubnetId,
      securityGroupId: groups.webSecurityGroupId,
      rootVolumeGiB: sandbox.rootVolumeGiB,
      userData: webServerBootScript(webImage.family),
      keyName: keyPair?.keyName,
      elasticIp: true,
      tags: { [serverTag.key]: serverTag.value },
      dependsOn: network.publicEgress,
    });
    const dbImage = images.forInstanceType(sandbox.databaseInstanceType);
    const db = new SandboxServer(this, 'db', {
      name: naming.name('sandbox', 'db'),
      imageId: dbImage.instanceImageId,
      instanceType: sandbox.databaseInstanceType,
      subnetId: network.privateSubnetId,
      securityGroupId: groups.databaseSecurityGroupId,
      rootVolumeGiB: sandbox.rootVolumeGiB,
      userData: databaseServerBootScript(dbImage.family),
      keyName: keyPair?.keyName,
      tags: { [serverTag.key]: serverTag.value },
      dependsOn: network.privateEgress,
    });

    this.scheduleTarget = { kind: 'instances', instanceIds: [web.instanceId, db.instanceId], tag: serverTag };
    if (sandbox.schedule !== undefined) {
      const schedule = new StartStopSchedule(this, 'schedule', {
        namePrefix: naming.name('sandbox', 'servers', MAX_NAME_PREFIX_LENGTH),
        schedule: sandbox.schedule,
        target: this.scheduleTarget,
        accountId: config.accountId,
        region: config.region,
      });
      suppressPolicy(schedule, 'ALARM-ACTION-REGION', 'the sandbox has no ops tier and no alarm topic: a failed stop or start shows in the CloudWatch console only');
    }

    const names = new SandboxPrivateNames(this, 'names', {
      naming,
      zoneName: sandboxZoneName(config),
      vpcId: network.vpcId,
      addresses: { web: web.privateIp, db: db.privateIp },
      ttlSeconds: config.dns.recordTtlSeconds,
    });

    publishTierOutputs<SandboxOutputs>(
      this,
      SANDBOX_OUTPUT_NAMES,
      {
        webPublicIp: web.publicIp!,
        webUrl: `http://${web.publicIp}/`,
        webInstanceId: web.instanceId,
        databasePrivateIp: db.privateIp,
        databaseName: names.names.db,
        databaseInstanceId: db.instanceId,
      },
      SANDBOX_OUTPUT_DESCRIPTIONS,
    );
  }
}

/**
 * The sandbox's image (`sandbox.ami`), looked up once per CPU architecture: both servers of one
 * architecture boot the same image and the plan reads it once (ids `image-x86_64`, `image-arm64`).
 */
class SandboxImages {
  private readonly byArchitecture = new Map<CpuArchitecture, MachineImage>();

  constructor(
    private readonly scope: Construct,
    private readonly sandbox: SandboxConfig,
  ) {}

  forInstanceType(instanceType: string): MachineImage {
    const known = sandboxInstanceArchitecture(instanceType);
    const architecture = known ?? 'x86_64';
    let image = this.byArchitecture.get(architecture);
    if (image === undefined) {
      image = new MachineImage(this.scope, `image-${architecture}`, { choice: resolveAmi(this.sandbox.ami, known), architecture });
      this.byArchitecture.set(architecture, image);
    }
    return image;
  }
}
