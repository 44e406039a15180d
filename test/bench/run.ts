import { writeFileSync } from 'node:fs';
import { extensionBenchmarks } from './extension.bench';
import { gatewayBenchmarks } from './gateway.bench';
import { teamBenchmarks } from './team.bench';
import type { Result } from './stats';

function table(results: Result[]): string {
  const rows = results.map((r) => `| ${r.group} | ${r.name} | ${r.value} | ${r.baseline} | ${r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`} | ${r.goal} | ${r.met ? '✓' : '✗'} |`);
  return ['| group | measure | result | baseline (same run) | ratio | goal | met |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

const only = process.argv[2];
const wants = (part: string) => !only || only === part;
const results = [...(wants('gateway') ? await gatewayBenchmarks() : []), ...(wants('team') ? await teamBenchmarks() : []), ...(wants('extension') ? await extensionBenchmarks() : [])];
const output = table(results);
console.log(`\n${output}\n`);
const machine = `Node ${process.version}, ${process.platform}/${process.arch}`;
writeFileSync(
  'test-results/benchmarks.md',
  `Measured ${new Date().toISOString()} on ${machine}.\n\n${output}\n`,
);
console.log(`${results.filter((r) => r.met).length} of ${results.length} goals met (table also in test-results/benchmarks.md).`);
