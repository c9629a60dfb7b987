import { App } from 'cdktf';
import { runSynth } from './stacks/synth';

/**
 * cdktf app entry. Environments come from config/environments/*.yaml; set
 * ENVIRONMENTS=dev,prod (or pass names as arguments) to synthesize only some
 * (default: all).
 */
process.exitCode = runSynth({
  environments: process.argv.slice(2).join(',') || process.env.ENVIRONMENTS,
  configDir: process.env.CONFIG_DIR,
  outdir: process.env.CDKTF_OUTDIR ?? 'cdktf.out',
  createApp: (outdir) => new App({ outdir, stackTraces: false }),
  // Set by the cdktf CLI (`cdktf synth`, `cdktf deploy`) for the app it runs, and by nothing else.
  underCdktfCli: process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined,
});
