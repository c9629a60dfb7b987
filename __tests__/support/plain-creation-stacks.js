const { types } = require('node:util');

/**
 * cdktf and constructs capture a full stack trace (Error.stackTraceLimit lifted to the maximum)
 * each time they create a token or record construct metadata, into a plain object they then read
 * `.stack` of (tokens/private/stack-trace.js). In a jest test that read goes through the
 * source-map-support jest installs, which maps every frame through the source maps of cdktf's
 * files and ours: measured at about a quarter of the CPU of a synth-heavy suite.
 *
 * Those captures are never errors, and their frames are read only to explain a misused token,
 * so here they are formatted as nothing at all (cdktf then records an empty creation stack):
 * formatting the frames, even without source maps, still cost about a sixth of the CPU of a
 * synth-heavy suite. Errors, and anything else that is a real Error, still go through jest's
 * source-mapped formatting, so failures print as before.
 */
const mapped = Error.prepareStackTrace;
if (typeof mapped === 'function') {
  Error.prepareStackTrace = function prepareStackTrace(error, callSites) {
    if (types.isNativeError(error) || error instanceof Error) return mapped(error, callSites);
    return '';
  };
}
