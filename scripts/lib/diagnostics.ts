/** A diagnostic as terraform prints it with `-json` (validate's report, or a `diagnostic` message of init and plan). */
export interface TerraformDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  /** Where it points, when it points somewhere: the file relative to the working directory. */
  readonly range?: { readonly filename: string; readonly start: { readonly line: number } };
  /** The block it is in, such as `resource.aws_lb.alb` or `module.dev-dns.providers`. */
  readonly snippet?: { readonly context?: string | null };
}

/** The diagnostics among terraform's `-json` output lines (init, plan). */
export function diagnosticsOfJsonLines(stdout: string): TerraformDiagnostic[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { type?: string; diagnostic?: TerraformDiagnostic })
    .filter((message) => message.type === 'diagnostic' && message.diagnostic !== undefined)
    .map((message) => message.diagnostic!);
}

/** One line per diagnostic: `error: <summary> (<block>, <file> line <n>): <detail>`. */
export function formatDiagnostic(diagnostic: TerraformDiagnostic): string {
  const where = [diagnostic.snippet?.context, diagnostic.range ? `${diagnostic.range.filename} line ${diagnostic.range.start.line}` : undefined].filter(Boolean).join(', ');
  const detail = diagnostic.detail ? `: ${diagnostic.detail.replace(/\s*\n\s*/g, ' ')}` : '';
  return `${diagnostic.severity}: ${diagnostic.summary}${where ? ` (${where})` : ''}${detail}`;
}
