import { z } from 'zod';

/** Where a rule reports: the refinement context of the environment schema. */
export type RuleContext = z.RefinementCtx;

/**
 * Reports one problem at `path`. `message` is what is accepted (it starts with "expected");
 * `received` replaces the value shown, for problems about a key or a count rather than the value.
 */
export function report(ctx: RuleContext, path: readonly (string | number)[], message: string, received?: string): void {
  ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...path], message, ...(received === undefined ? {} : { params: { received } }) });
}

/** `a`, `a or b`, `a, b or c`: a list of accepted values for a message. */
export function oneOf(values: readonly string[]): string {
  return values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
