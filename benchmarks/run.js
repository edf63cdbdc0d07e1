#!/usr/bin/env node
'use strict';
// `npm run bench`: every benchmark in one go, each against a baseline measured in the same run
// on the same machine, in a real n8n 2.41.1 with the packed package and the Fanvue sandbox.
// Prints the figures, writes benchmarks/results/latest.json and renders benchmarks/chart.png.
// BENCH_DELIVERIES (default 1000) sets the deliveries per workflow of benchmark 3.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { returnAllBenchmark } = require('./return-all');
const { triggerLatencyBenchmark } = require('./trigger-latency');
const { autoReplyBurstBenchmark, QUEUE_MODE } = require('./auto-reply-burst');
const { startQueueTemplateStack } = require('./lib/stack');
const { memoryBenchmark } = require('./memory');
const { renderChart } = require('./chart');

/**
 * `npm run bench -- --only=memory`: benchmark 4 alone, merged into results/latest.json with its
 * own date (the chart says so), the other figures kept as they were.
 */
async function memoryOnly() {
	const file = path.join(__dirname, 'results', 'latest.json');
	const results = JSON.parse(fs.readFileSync(file, 'utf8'));
	results.memory = { ...(await memoryBenchmark()), date: new Date().toISOString() };
	fs.writeFileSync(file, `${JSON.stringify(results, null, '\t')}\n`);
	console.log(`chart: ${await renderChart(results)}`);
}

(async () => {
	if (process.argv.includes('--only=memory')) return memoryOnly();
	const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version} (bench), load ${os.loadavg()[0].toFixed(2)} at start`;
	const results = { date: new Date().toISOString(), machine };
	console.log(`n8n-nodes-fanvue benchmarks, ${results.date}, ${machine}`);
	results.returnAll = await returnAllBenchmark();
	const count = Number(process.env.BENCH_DELIVERIES ?? 1000);
	results.triggerLatency = [
		await triggerLatencyBenchmark({ count }),
		// What a user can set so that a trigger whose webhook phase evaluates no expression skips the isolate.
		await triggerLatencyBenchmark({ count, env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }, label: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true' }),
	];
	// n8n's defaults, then what the README recommends for bursts (isolates only when an expression
	// runs; in queue mode also a larger PostgreSQL pool for the webhook process's intake).
	const lazy = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };
	results.autoReplyBurst = [
		await autoReplyBurstBenchmark(),
		await autoReplyBurstBenchmark({ n8nEnv: lazy }),
		await autoReplyBurstBenchmark({ startStack: startQueueTemplateStack, mode: QUEUE_MODE }),
		await autoReplyBurstBenchmark({ startStack: startQueueTemplateStack, mode: QUEUE_MODE, n8nEnv: { ...lazy, DB_POSTGRESDB_POOL_SIZE: '10' } }),
	];
	results.memory = await memoryBenchmark();
	const dir = path.join(__dirname, 'results');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, '\t')}\n`);
	console.log(`chart: ${await renderChart(results)}`);
})().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
