import { PolicyRule } from '../../types';
import { defaultSecurityGroupClosed } from './default-sg-closed';
import { noOpenIngress } from './no-open-ingress';
import { noWideAdminPorts } from './no-wide-admin-ports';
import { vpcEndpointPolicy } from './vpc-endpoint-policy';
import { vpcFlowLogs } from './vpc-flow-logs';

/** VPCs, security groups and endpoints: nothing open to the internet but the web entry, no way out to other accounts, everything recorded. */
export const NETWORK_PACK: readonly PolicyRule[] = [noOpenIngress, noWideAdminPorts, defaultSecurityGroupClosed, vpcFlowLogs, vpcEndpointPolicy];
