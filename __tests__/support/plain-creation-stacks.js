const { types } = require('node:util');

/**
 * cdktf and constructs capture a full stack trace (Error.stackTraceLimit lifted to the maximum)
 * each time they create a token or record construct metadata, into a plain object they then read
 * `.stack` of (tokens/private/stack-trace.js). In a jest test that read goes through the
 * source-map-support jest installs, which maps every frame through the source maps of cdktf's
 * files and ours: measured at about a quarter of the CPU of a synth-heavy suite.
 *
 * Those captures are never errors, so here they are formatted as V8 does without source maps
 * (the same frames, positions in the code as it runs). Errors, and anything else that is a real
 * Error, still go through jest's source-mapped formatting, so failures print as before.
 */
const mapped = Error.prepareStackTrace;
if (typeof mapped === 'function') {
  Error.prepareStackTrace = function prepareStackTrace(error, callSites) {
    if (types.isNativeError(error) || error instanceof Error) return mapped(error, callSites);
    let header;
    try {
      header = String(error);
    } catch {
      header = '<error>';
    }
    return callSites.length === 0 ? header : `${header}\n${callSites.map((callSite) => `    at ${callSite}`).join('\n')}`;
  };
}
