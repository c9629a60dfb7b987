import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyOrder, readSynthesizedStacks, StackOrderError, SynthesizedStack, synthesizedEnvironments } from '../scripts/lib/stack-order';

/** A synthesized output folder holding only a manifest.json with these stacks and their dependencies. */
function outputWith(stacks: Record<string, string[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'stack-order-'));
  const manifest = { version: '0.21.0', stacks: Object.fromEntries(Object.entries(stacks).map(([name, dependencies]) => [name, { name, dependencies, synthesizedStackPath: `stacks/${name}/cdk.tf.json` }])) };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const stacksOf = (stacks: Record<string, string[]>): SynthesizedStack[] => {
  const dir = outputWith(stacks);
  folders.push(dir);
  return readSynthesizedStacks(dir);
};
const order = (stacks: Record<string, string[]>, environment: string) => applyOrder(stacksOf(stacks), environment).map((stack) => stack.name);

describe('the apply order of an environment', () => {
  it('puts every stack after the stacks it depends on, whatever order the manifest lists them in', () => {
    expect(order({ 'prod-ops': ['prod-app', 'prod-edge'], 'prod-edge': ['prod-app', 'prod-dns'], 'prod-app': ['prod-network', 'prod-dns'], 'prod-dns': ['prod-state'], 'prod-network': ['prod-state'], 'prod-state': [] }, 'prod')).toEqual([
      'prod-state',
      'prod-network',
      'prod-dns',
      'prod-app',
      'prod-edge',
      'prod-ops',
    ]);
  });

  it('orders stacks that could go either way by tier, then by name, and only the environment asked for', () => {
    const stacks = { 'lab-website': ['lab-keys'], 'lab-files': ['lab-keys'], 'lab-network': ['lab-keys'], 'lab-keys': ['lab-state'], 'lab-state': [], 'other-state': [], 'lab-zeta': ['lab-state'] };
    expect(order(stacks, 'lab')).toEqual(['lab-state', 'lab-keys', 'lab-network', 'lab-website', 'lab-files', 'lab-zeta']);
    expect(synthesizedEnvironments(stacksOf(stacks))).toEqual(['lab', 'other']);
  });

  it('reads each stack\'s environment, tier and folder from its name', () => {
    expect(stacksOf({ 'dev-state': [], 'dev-network': ['dev-state'] })).toEqual([
      { name: 'dev-network', environment: 'dev', tier: 'network', dependencies: ['dev-state'], folder: join('stacks', 'dev-network') },
      { name: 'dev-state', environment: 'dev', tier: 'state', dependencies: [], folder: join('stacks', 'dev-state') },
    ]);
  });
});

describe('stack order errors', () => {
  it('an environment with no stack in the output, naming those it holds', () => {
    expect(() => order({ 'dev-state': [], 'prod-state': [] }, 'qa')).toThrow(new StackOrderError('environment "qa": no stack of it in the synthesized output; it holds dev, prod'));
  });

  it('a dependency the output does not hold', () => {
    expect(() => order({ 'dev-network': ['dev-state'] }, 'dev')).toThrow(new StackOrderError('dev-network depends on dev-state, which the synthesized output does not hold; synthesize again'));
  });

  it('stacks that depend on each other', () => {
    expect(() => order({ 'dev-state': [], 'dev-app': ['dev-edge'], 'dev-edge': ['dev-app'] }, 'dev')).toThrow(new StackOrderError('the stacks dev-app, dev-edge depend on each other in a cycle; no order applies them'));
  });

  it('a folder with no synthesized output, or an unreadable manifest', () => {
    const empty = mkdtempSync(join(tmpdir(), 'stack-order-'));
    folders.push(empty);
    expect(() => readSynthesizedStacks(empty)).toThrow(/no synthesized output there \(manifest\.json missing or unreadable\); run npm run synth first/);
    writeFileSync(join(empty, 'manifest.json'), '{not json');
    expect(() => readSynthesizedStacks(empty)).toThrow(StackOrderError);
  });
});
