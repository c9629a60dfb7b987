import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { Construct } from 'constructs';
import { DatabaseEngine } from '../../config/data';

/** The cluster parameter that makes an engine refuse connections without TLS, with its on and off values. */
export const TLS_PARAMETER: Readonly<Record<DatabaseEngine, { readonly name: string; readonly on: string; readonly off: string }>> = {
  'aurora-postgresql': { name: 'rds.force_ssl', on: '1', off: '0' },
  'aurora-mysql': { name: 'require_secure_transport', on: 'ON', off: 'OFF' },
};

/**
 * The parameter group family of an engine version: `aurora-postgresql` and the major version
 * (`16.8` gives `aurora-postgresql16`), `aurora-mysql` and the MySQL version an Aurora MySQL
 * version is compatible with (`8.0.mysql_aurora.3.09.0` gives `aurora-mysql8.0`).
 */
export function clusterParameterFamily(engine: DatabaseEngine, engineVersion: string): string {
  const parts = engineVersion.split('.');
  const family = engine === 'aurora-postgresql' ? parts[0] : parts.slice(0, 2).join('.');
  if (!/^\d+(\.\d+)?$/.test(family)) throw new Error(`cannot tell the parameter group family of ${engine} version ${JSON.stringify(engineVersion)}`);
  return `${engine}${family}`;
}

export interface AuroraParameterGroupProps {
  /** Name of the group; it should name the family, since a group's family never changes. */
  readonly name: string;
  readonly engine: DatabaseEngine;
  /** The family of the cluster's engine version (clusterParameterFamily). */
  readonly family: string;
  /** Refuse connections without TLS (on) or accept them (off). */
  readonly requireTls: boolean;
}

/**
 * The cluster parameter group: the engine defaults, with TLS required or not, set explicitly
 * either way so the engine's own default (which changed in Aurora PostgreSQL 17) never decides.
 * Both TLS parameters are dynamic, so a change applies at once without a reboot ("immediate").
 * A new family (a major upgrade) makes a new group before the old one goes.
 */
export class AuroraParameterGroup extends Construct {
  public readonly name: string;
  public readonly family: string;

  constructor(scope: Construct, id: string, props: AuroraParameterGroupProps) {
    super(scope, id);
    this.family = props.family;
    const tls = TLS_PARAMETER[props.engine];
    const group = new RdsClusterParameterGroup(this, 'group', {
      name: props.name,
      family: this.family,
      // Fixed: a changed description replaces the group, which its fixed name would not allow.
      description: `Cluster parameters of the ${props.engine} data tier cluster`,
      parameter: [{ name: tls.name, value: props.requireTls ? tls.on : tls.off, applyMethod: 'immediate' }],
      lifecycle: { createBeforeDestroy: true },
    });
    this.name = group.name;
  }
}
