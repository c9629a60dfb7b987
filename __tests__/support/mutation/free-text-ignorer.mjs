import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

/** Properties whose text only people read: a resource's description or comment, a dashboard widget's title, a policy rule's title, explanation and fix. */
const FREE_TEXT = new Set(['description', 'comment', 'title', 'explanation', 'fix']);

const keyName = (key) => key.name ?? key.value;

/** A literal text, or literal texts joined with `+` (a long sentence split over lines). */
const isLiteralText = (value) =>
  value.isStringLiteral() || value.isTemplateLiteral() || (value.isBinaryExpression({ operator: '+' }) && isLiteralText(value.get('left')) && isLiteralText(value.get('right')));

/**
 * A Stryker ignorer (stryker.config.mjs `ignorers: ['free-text']`): no mutant in the literal text of a
 * `description:`, `comment:`, `title:`, `explanation:` or `fix:` property. Emptying such a text changes what a person reads in the
 * console, not what the resource does, and a test pinning each sentence would only copy it.
 * Only plain text is skipped: a description computed by an expression is still mutated.
 */
export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'free-text', {
    shouldIgnore(path) {
      if (!path.isObjectProperty() || !FREE_TEXT.has(String(keyName(path.node.key)).toLowerCase())) return undefined;
      if (!isLiteralText(path.get('value'))) return undefined;
      return 'Free text (a description, comment, title, explanation or fix people read): no behaviour to test';
    },
  }),
];
