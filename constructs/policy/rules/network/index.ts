import { PolicyRule } from '../../types';
import { defaultSecurityGroupClosed } from './default-sg-closed';
import { noOpenIngress } from './no-open-ingress';
import { noWideAdminPorts } from './no-wide-admin-ports';
import { vpcFlowLogs } from './vpc-flow-logs';

/** VPCs and security groups: nothing open to the internet but the web entry, everything recorded. */
export const NETWORK_PACK: readonly PolicyRule[] = [noOpenIngress, noWideAdminPorts, defaultSecurityGroupClosed, vpcFlowLogs];
