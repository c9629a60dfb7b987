import { asModule, combinedRoot, providerLayout, stackOfDiagnostic, StackJson, stacksKeepingProviders } from '../scripts/lib/combined-validate';

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
  it('drops the backend block, and nothing else, when it keeps its providers', () => {
    const json = stack('111111111111', ['global']);
    expect(asModule(json, true)).toEqual({ ...json, terraform: { required_providers: json.terraform!.required_providers } });
  });

  it('drops its provider blocks and declares each alias for the root to pass in when they are lifted', () => {
    const module = asModule(stack('111111111111', ['global', 'parent-zone']), false);
    expect(module.provider).toBeUndefined();
    expect(module.terraform).toEqual({
      required_providers: { aws: { source: 'aws', version: '5.100.0', configuration_aliases: ['aws.global', 'aws.parent-zone'] } },
    });
    expect(module.resource).toEqual({ aws_s3_bucket: { logs: { bucket: 'logs-111111111111' } } });
  });

  it('leaves the synthesized JSON untouched', () => {
    const json = stack('111111111111', ['global']);
    const copy = JSON.parse(JSON.stringify(json));
    asModule(json, false);
    expect(json).toEqual(copy);
  });
});

describe('which stacks keep their provider blocks', () => {
  it('tells provider layouts apart by aliases and attributes, not by values', () => {
    expect(providerLayout(stack('111111111111'))).toBe(providerLayout(stack('222222222222')));
    expect(providerLayout(stack('111111111111', ['global']))).toBe('aws.global{allowed_account_ids,region} aws{allowed_account_ids,region}');
    expect(providerLayout(stack('1', [], { assume_role: [{ role_arn: 'arn' }] }))).not.toBe(providerLayout(stack('1')));
  });

  it('keeps them in as few stacks as show every block shape, the most shapes first, then by name', () => {
    const stacks = new Map([
      ['prod-dns', stack('3', ['global', 'parent-zone'])],
      ['dev-state', stack('1')],
      ['dev-dns', stack('1', ['global'])],
      ['prod-state', stack('3')],
      ['stg-dns', stack('2', ['global', 'parent-zone'])],
      ['stg-edge', stack('2', ['global'])],
    ]);
    expect(stacksKeepingProviders(stacks)).toEqual(['prod-dns']);
    // A block shape only one stack has (an assumed role in the main block) keeps that stack too.
    stacks.set('ops-state', stack('4', [], { assume_role: [{ role_arn: 'arn' }] }));
    expect(stacksKeepingProviders(stacks)).toEqual(['ops-state', 'prod-dns']);
  });
});

describe('the combined root', () => {
  const root = combinedRoot(
    new Map([
      ['dev-state', stack('1')],
      ['dev-dns', stack('1', ['global'])],
      ['prod-state', stack('3')],
      ['prod-dns', stack('3', ['global'])],
    ]),
  );

  it('calls one module per stack, from its own folder, passing the lifted providers to the stacks that lost theirs', () => {
    expect(root.providersKeptIn).toEqual(['dev-dns']);
    expect(root.main.module).toEqual({
      'dev-dns': { source: './dev-dns' },
      'dev-state': { source: './dev-state', providers: { aws: 'aws' } },
      'prod-dns': { source: './prod-dns', providers: { aws: 'aws', 'aws.global': 'aws.global' } },
      'prod-state': { source: './prod-state', providers: { aws: 'aws' } },
    });
    expect([...root.modules.keys()]).toEqual(['dev-dns', 'dev-state', 'prod-dns', 'prod-state']);
    expect(root.modules.get('dev-dns')!.provider).toEqual(stack('1', ['global']).provider);
    expect(root.modules.get('prod-dns')!.provider).toBeUndefined();
  });

  it('declares one bare provider block per lifted provider configuration, from the stacks\' source', () => {
    expect(root.main.terraform).toEqual({ required_providers: { aws: { source: 'aws' } } });
    expect(root.main.provider).toEqual({ aws: [{}, { alias: 'global' }] });
  });

  it('gives each variable without a default a stand-in of its type, and leaves variables with a default alone', () => {
    const withVariables = { ...stack('1'), variable: { client_secret: { type: 'string', sensitive: true }, retries: { type: 'number' }, region: { type: 'string', default: 'eu-west-1' } } };
    const call = (combinedRoot(new Map([['dev-intranet', withVariables]])).main.module as Record<string, unknown>)['dev-intranet'];
    expect(call).toEqual({ source: './dev-intranet', client_secret: 'validate-placeholder', retries: 0 });
    const unknownType = { ...stack('1'), variable: { names: { type: 'list(string)' } } };
    expect(() => combinedRoot(new Map([['dev-x', unknownType]]))).toThrow('dev-x: variable names of type list(string) has no default and no placeholder here; add one to PLACEHOLDERS');
  });

  it('declares no provider when every stack keeps its own', () => {
    const alone = combinedRoot(new Map([['dev-state', stack('1')]]));
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
