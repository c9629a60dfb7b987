import { asModule, combinedRoot, providerBlockShape, stackOfDiagnostic, StackJson } from '../scripts/lib/combined-validate';

/** A stack as cdktf writes it: an S3 backend, the AWS provider, and `aliases` as extra aliased providers. */
function stack(account: string, aliases: readonly string[] = [], extra: Record<string, unknown> = {}): StackJson {
  return {
    terraform: {
      backend: { s3: { bucket: 'state', key: 'x.tfstate', region: 'eu-west-1' } },
      required_providers: { aws: { source: 'aws', version: '5.100.0' } },
    },
    provider: {
      aws: [
        { region: 'eu-west-1', allowed_account_ids: [account], ...extra },
        ...aliases.map((alias) => ({ alias, region: 'us-east-1', allowed_account_ids: [account] })),
      ],
    },
    resource: { aws_s3_bucket: { logs: { bucket: `logs-${account}` } } },
  };
}

describe('a stack as a module of the combined root', () => {
  it('drops its backend and provider blocks and declares each alias for the root to pass in', () => {
    const module = asModule(stack('111111111111', ['global', 'parent-zone']));
    expect(module.provider).toBeUndefined();
    expect(module.terraform).toEqual({
      required_providers: { aws: { source: 'aws', version: '5.100.0', configuration_aliases: ['aws.global', 'aws.parent-zone'] } },
    });
    expect(module.resource).toEqual({ aws_s3_bucket: { logs: { bucket: 'logs-111111111111' } } });
  });

  it('leaves the synthesized JSON untouched', () => {
    const json = stack('111111111111', ['global']);
    const copy = JSON.parse(JSON.stringify(json));
    asModule(json);
    expect(json).toEqual(copy);
  });
});

describe('provider block shapes', () => {
  it('tell blocks apart by address and attributes, not by values', () => {
    const [main, global] = stack('111111111111', ['global']).provider!.aws;
    expect(providerBlockShape('aws', main)).toBe(providerBlockShape('aws', stack('222222222222').provider!.aws[0]));
    expect(providerBlockShape('aws', global)).toBe('aws.global{allowed_account_ids,region}');
    expect(providerBlockShape('aws', stack('1', [], { assume_role: [{ role_arn: 'arn' }] }).provider!.aws[0])).toBe('aws{allowed_account_ids,assume_role,region}');
  });
});

describe('the combined root', () => {
  const stacks = new Map([
    ['prod-dns', stack('3', ['global'])],
    ['dev-state', stack('1')],
    ['dev-dns', stack('1', ['global'])],
    ['prod-state', stack('3')],
    ['ops-state', stack('4', [], { assume_role: [{ role_arn: 'arn' }] })],
  ]);
  const root = combinedRoot(stacks);

  it('calls one module per stack, from its own folder, passing the root block of each of its blocks\' shape', () => {
    expect(root.main.module).toEqual({
      'dev-dns': { source: './dev-dns', providers: { aws: 'aws.default--dev-dns', 'aws.global': 'aws.global--dev-dns' } },
      'dev-state': { source: './dev-state', providers: { aws: 'aws.default--dev-dns' } },
      'ops-state': { source: './ops-state', providers: { aws: 'aws.default--ops-state' } },
      'prod-dns': { source: './prod-dns', providers: { aws: 'aws.default--dev-dns', 'aws.global': 'aws.global--dev-dns' } },
      'prod-state': { source: './prod-state', providers: { aws: 'aws.default--dev-dns' } },
    });
    expect([...root.modules.keys()]).toEqual(['dev-dns', 'dev-state', 'ops-state', 'prod-dns', 'prod-state']);
    expect([...root.modules.values()].every((module) => module.provider === undefined)).toBe(true);
  });

  it('declares one provider block per shape, as written in the first stack showing it, named after it', () => {
    expect(root.providersFrom).toEqual(['dev-dns', 'ops-state']);
    expect(root.main.terraform).toEqual({ required_providers: { aws: { source: 'aws' } } });
    expect(root.main.provider).toEqual({
      aws: [
        { region: 'eu-west-1', allowed_account_ids: ['1'], alias: 'default--dev-dns' },
        { region: 'eu-west-1', allowed_account_ids: ['4'], assume_role: [{ role_arn: 'arn' }], alias: 'default--ops-state' },
        { alias: 'global--dev-dns', region: 'us-east-1', allowed_account_ids: ['1'] },
      ],
    });
  });

  it('groups blocks and makes the root\'s as it is told (an offline plan: one per address and region)', () => {
    const byRegion = combinedRoot(stacks, { groupBy: (address, block) => `${address} ${String(block.region)}`, rootBlock: (block) => ({ region: block.region }) });
    expect(byRegion.main.provider).toEqual({ aws: [{ region: 'eu-west-1', alias: 'default--dev-dns' }, { region: 'us-east-1', alias: 'global--dev-dns' }] });
    expect((byRegion.main.module as Record<string, { providers: unknown }>)['ops-state'].providers).toEqual({ aws: 'aws.default--dev-dns' });
  });

  it('gives each variable without a default a stand-in of its type, and leaves variables with a default alone', () => {
    const withVariables = { ...stack('1'), variable: { client_secret: { type: 'string', sensitive: true }, retries: { type: 'number' }, region: { type: 'string', default: 'eu-west-1' } } };
    const call = (combinedRoot(new Map([['dev-intranet', withVariables]])).main.module as Record<string, unknown>)['dev-intranet'];
    expect(call).toEqual({ source: './dev-intranet', providers: { aws: 'aws.default--dev-intranet' }, client_secret: 'validate-placeholder', retries: 0 });
    const unknownType = { ...stack('1'), variable: { names: { type: 'list(string)' } } };
    expect(() => combinedRoot(new Map([['dev-x', unknownType]]))).toThrow('dev-x: variable names of type list(string) has no default and no placeholder here; add one to PLACEHOLDERS');
  });

  it('declares no provider when no stack has one', () => {
    const { provider: _provider, ...bare } = stack('1');
    const alone = combinedRoot(new Map([['dev-state', bare]]));
    expect(alone.main).not.toHaveProperty('provider');
    expect(alone.main).not.toHaveProperty('terraform');
  });
});

describe('which stack a diagnostic is about', () => {
  const stacks = new Set(['dev-dns', 'dev-state']);

  it('is the folder of the file it points at', () => {
    expect(stackOfDiagnostic({ severity: 'error', summary: 's', range: { filename: 'dev-dns/cdk.tf.json', start: { line: 3 } } }, stacks)).toBe('dev-dns');
  });

  it('is the module block of the root file it points at', () => {
    const diagnostic = { severity: 'warning', summary: 's', range: { filename: 'main.tf.json', start: { line: 9 } }, snippet: { context: 'module.dev-state.providers' } } as const;
    expect(stackOfDiagnostic(diagnostic, stacks)).toBe('dev-state');
  });

  it('is none for a diagnostic without a place, or about another file', () => {
    expect(stackOfDiagnostic({ severity: 'error', summary: 'no place' }, stacks)).toBeUndefined();
    expect(stackOfDiagnostic({ severity: 'error', summary: 's', range: { filename: 'main.tf.json', start: { line: 1 } } }, stacks)).toBeUndefined();
    expect(stackOfDiagnostic({ severity: 'error', summary: 's', range: { filename: 'other/cdk.tf.json', start: { line: 1 } } }, stacks)).toBeUndefined();
  });
});
