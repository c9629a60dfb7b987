/**
 * WAF rule statements, written in Terraform's own field names: `statement` is untyped in the
 * generated bindings.
 */

/** A statement matching a request whose normalized URL path starts with one of `prefixes`. */
export function anyPathPrefix(prefixes: readonly string[]): Record<string, unknown> {
  const matches = prefixes.map((prefix) => ({
    byte_match_statement: {
      search_string: prefix,
      positional_constraint: 'STARTS_WITH',
      field_to_match: { uri_path: {} },
      // Resolves `..` and `//` first, so /wp-admin/async-upload.php/../../other does not count as the upload path.
      text_transformation: [{ priority: 0, type: 'NORMALIZE_PATH' }],
    },
  }));
  return anyOf(matches);
}

/**
 * A statement matching the WordPress script `script` (such as /wp-login.php) however the viewer spells the
 * path: percent-encoded, in any case, with doubled slashes or dot segments, or with path info after it
 * (PHP runs /xmlrpc.php/anything as /xmlrpc.php, hence STARTS_WITH).
 */
export function wordPressScript(script: string): Record<string, unknown> {
  return {
    byte_match_statement: {
      search_string: script,
      positional_constraint: 'STARTS_WITH',
      field_to_match: { uri_path: {} },
      text_transformation: [
        { priority: 0, type: 'URL_DECODE' },
        { priority: 1, type: 'LOWERCASE' },
        { priority: 2, type: 'NORMALIZE_PATH' },
      ],
    },
  };
}

/** One statement as it is, several in an or_statement. */
export function anyOf(statements: readonly Record<string, unknown>[]): Record<string, unknown> {
  return statements.length === 1 ? statements[0] : { or_statement: { statement: [...statements] } };
}
