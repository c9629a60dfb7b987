/**
 * `npm run plan -- <environment>` and `npm run apply -- <environment>` (which adds --apply):
 * synthesize the environment, then terraform init and plan (and apply) each of its stacks in apply
 * order, stopping at the first failure. See docs/plan-and-apply.md and scripts/lib/plan-runner.ts.
 *
 * Exits 0 when every stack ran (changes or not), 1 on a failure (configuration, terraform) or, in
 * apply mode without --allow-destroy, at a plan that destroys or replaces a resource, 2 on a command
 * line it cannot use.
 */
import { runPlanCommand } from './lib/plan-runner';

runPlanCommand(process.argv.slice(2), { handleSignals: true }).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`plan: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
