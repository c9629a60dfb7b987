import { App } from 'cdktf';
import { runSynth } from '../../stacks/synth';

/** What one synth did: its exit code, the errors it printed and its summary. */
export interface SynthRun {
  readonly code: number;
  readonly messages: string[];
  readonly summary: string;
}

/**
 * `npm run synth` in-process, as main.ts runs it, of the environments in `configDir`
 * (all, or the comma-separated `environments`) into `outdir`, capturing what it prints.
 */
export function synthInto(configDir: string, outdir: string, environments?: string): SynthRun {
  const messages: string[] = [];
  const reports: string[] = [];
  const code = runSynth({
    environments,
    configDir,
    outdir,
    createApp: (folder) => new App({ outdir: folder, stackTraces: false }),
    log: (message) => messages.push(message),
    report: (summary) => reports.push(summary),
  });
  return { code, messages, summary: reports.join('\n') };
}
