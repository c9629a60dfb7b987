import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

/** Properties whose text only people read: a resource's description or comment. */
const FREE_TEXT = new Set(['description', 'comment']);

const keyName = (key) => key.name ?? key.value;

/**
 * A Stryker ignorer (stryker.config.mjs `ignorers: ['free-text']`): no mutant in the literal text of a
 * `description:` or `comment:` property. Emptying such a text changes what a person reads in the
 * console, not what the resource does, and a test pinning each sentence would only copy it.
 * Only plain text is skipped: a description computed by an expression is still mutated.
 */
export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'free-text', {
    shouldIgnore(path) {
      if (!path.isObjectProperty() || !FREE_TEXT.has(String(keyName(path.node.key)).toLowerCase())) return undefined;
      const value = path.get('value');
      if (!value.isStringLiteral() && !value.isTemplateLiteral()) return undefined;
      return 'Free text (a description or comment people read): no behaviour to test';
    },
  }),
];
