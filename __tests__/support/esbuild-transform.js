const { transformSync } = require('esbuild');

/**
 * Jest transform for the TypeScript sources: esbuild strips the types (as `npm run build`
 * does for the app); `tsc --noEmit` in `npm test` does the type-checking. On a clean
 * checkout, where jest has cached nothing, this saved about 9 s of `npm test` against ts-jest.
 */
module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
      sourcefile: filename,
      sourcemap: 'external',
      sourcesContent: false,
    });
    return { code, map };
  },
};
