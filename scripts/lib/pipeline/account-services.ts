import { allow, PolicyContext, PolicyParts } from './context';
import { PermissionStatement, sortedUnique } from './policy-document';
import { AccountService, dataSourceRead, resourceTypeAccess } from './resource-types';
import { ACCOUNT_SERVICES, writeActions } from './services';
import { assumedRoles, providerRegions } from '../stack-json';

/** Region of IAM, Route 53, CloudFront, CloudFront's certificates and the global WAF: their calls are made there whatever the provider's region. */
export const GLOBAL_SERVICES_REGION = 'us-east-1';

/**
 * The services AWS offers no useful resource scoping for: plan reads them, apply manages them, on any
 * resource of the account but only in the regions the stacks' providers name (plus us-east-1, where the
 * global services answer). Plus the reads of the data sources, the role a provider assumes (the parent
 * zone's delegation role), and a guard: apply may change ECS services but not open a shell in their tasks.
 */
export function accountServiceStatements(context: PolicyContext): PolicyParts {
  const services = sortedUnique(context.resources.flatMap((resource) => resourceTypeAccess(resource.stack, resource.type).services)).filter(
    (service): service is AccountService => Object.hasOwn(ACCOUNT_SERVICES, service),
  );
  const dataReads = context.dataSources.flatMap((source) => {
    const read = dataSourceRead(source.stack, source.type);
    return read.kind === 'actions' ? read.actions : [];
  });
  const regions = sortedUnique([GLOBAL_SERVICES_REGION, ...context.stacks.flatMap((stack) => [...providerRegions(stack.name, stack.json).values()])]);
  const inRegions = { StringEquals: { 'aws:RequestedRegion': regions } };

  const plan: PermissionStatement[] = [];
  const apply: PermissionStatement[] = [];
  const reads = [...services.flatMap((service) => ACCOUNT_SERVICES[service].read), ...dataReads];
  if (reads.length > 0) plan.push(allow('Services', reads, ['*'], inRegions));
  if (services.length > 0) apply.push(allow('Services', services.flatMap(writeActions), ['*'], inRegions));
  if (services.includes('ecs')) {
    apply.push({ Sid: 'NoShellIntoTasks', Effect: 'Deny', Action: ['ecs:ExecuteCommand'], Resource: ['*'] });
  }

  const delegationRoles = sortedUnique(context.stacks.flatMap((stack) => assumedRoles(stack.json)));
  if (delegationRoles.length > 0) plan.push(allow('DelegationRoles', ['sts:AssumeRole'], delegationRoles));
  return { plan, apply };
}
