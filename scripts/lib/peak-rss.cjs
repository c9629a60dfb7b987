// Preloaded by the benchmark (node --require): reports this process's peak resident memory at exit.
const { appendFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.BENCH_RSS_FILE;
  if (file) appendFileSync(file, `${process.resourceUsage().maxRSS}\n`);
});
