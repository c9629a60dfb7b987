import { attachedTo, blocks, ofType, references, verdict } from '../../resources';
import { PolicyRule, StackResource } from '../../types';

/** One statement, as far as this rule reads it: whether it allows and to whom, what, on what, under which conditions. */
interface Statement {
  readonly label: string;
  readonly allow: boolean;
  readonly principals: readonly string[];
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditional: boolean;
}

const strings = (value: unknown): string[] => (value === undefined || value === null ? [] : [value].flat().map(String));

/** Any action: `*`, or every action of one service (`s3:*`), which on that service's endpoint is the same. */
const anyAction = (action: string) => action === '*' || /^[a-z0-9-]+:\*$/i.test(action);

/** The statements of a JSON policy document, or undefined when it is not one. */
function jsonStatements(document: string): Statement[] | undefined {
  let parsed: any;
  try {
    parsed = JSON.parse(document);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || parsed.Statement === undefined) return undefined;
  return [parsed.Statement].flat().map((s: any, index: number) => ({
    label: typeof s?.Sid === 'string' && s.Sid !== '' ? s.Sid : `#${index + 1}`,
    allow: s?.Effect === 'Allow',
    principals: s?.Principal === '*' ? ['*'] : strings(s?.Principal?.AWS),
    actions: strings(s?.Action),
    resources: strings(s?.Resource),
    conditional: typeof s?.Condition === 'object' && s.Condition !== null && Object.keys(s.Condition).length > 0,
  }));
}

/** The statements of an aws_iam_policy_document data source (its effect defaults to Allow). */
function dataStatements(document: StackResource): Statement[] {
  return blocks(document.values.statement).map((s, index) => ({
    label: typeof s.sid === 'string' && s.sid !== '' ? s.sid : `#${index + 1}`,
    allow: (s.effect ?? 'Allow') === 'Allow',
    principals: blocks(s.principals)
      .filter((p) => p.type === '*' || p.type === 'AWS')
      .flatMap((p) => strings(p.identifiers)),
    actions: strings(s.actions),
    resources: strings(s.resources),
    conditional: blocks(s.condition).length > 0,
  }));
}

/** The statements of a `policy` argument, or undefined when it is neither literal JSON nor a policy document of the stack. */
function statementsOf(resources: readonly StackResource[], policy: unknown): Statement[] | undefined {
  if (typeof policy !== 'string') return undefined;
  if (!policy.trim().startsWith('${')) return jsonStatements(policy);
  const data = ofType(resources, 'data.aws_iam_policy_document').find((document) => references(policy, document));
  return data === undefined ? undefined : dataStatements(data);
}

/** The statement that lets anyone do anything through the endpoint: the default endpoint policy, written out. */
function allowsAll(statement: Statement): boolean {
  return (
    statement.allow &&
    statement.principals.includes('*') &&
    statement.actions.some(anyAction) &&
    statement.resources.includes('*') &&
    !statement.conditional
  );
}

/** Every VPC endpoint has a policy narrower than allow-all. */
export const vpcEndpointPolicy: PolicyRule = {
  id: 'VPCE-POLICY',
  pack: 'network',
  title: 'Every VPC endpoint has a policy, and it is not allow-all.',
  explanation:
    "An endpoint without a policy (or with Allow * to * on * unconditionally) lets anything in the VPC reach any account's resources through it: " +
    'credentials of another account can copy data out over the private path.',
  fix:
    "Set policy on the aws_vpc_endpoint: gateway endpoints limited to the environment's account (aws:ResourceAccount), interface endpoints to its " +
    'principals (aws:PrincipalAccount); constructs/network/endpoint-policies.ts has both.',
  check: ({ resources }) =>
    ofType(resources, 'aws_vpc_endpoint').map((endpoint) => {
      const policies = [endpoint.values.policy, ...attachedTo(resources, 'aws_vpc_endpoint_policy', 'vpc_endpoint_id', endpoint).map((p) => p.values.policy)].filter(
        (policy) => policy !== undefined && policy !== null && policy !== '',
      );
      if (policies.length === 0) return verdict(endpoint, 'has no endpoint policy: the default lets any principal reach any resource of the service through it');
      for (const policy of policies) {
        const statements = statementsOf(resources, policy);
        if (statements === undefined) return verdict(endpoint, 'has a policy that cannot be checked (neither literal JSON nor an aws_iam_policy_document of the stack)');
        const open = statements.filter(allowsAll);
        if (open.length > 0) {
          return verdict(endpoint, `has an allow-all policy statement (${open.map((s) => s.label).join(', ')}): any principal, any action, any resource, no condition`);
        }
      }
      return verdict(endpoint, false);
    }),
};
