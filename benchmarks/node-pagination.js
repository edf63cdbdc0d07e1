#!/usr/bin/env node
// What the Fanvue node costs on top of the API itself: Subscriber → Get Many (Return All) run in
// n8n-core's real engine against the sandbox, against a bare loop of HTTP requests over the same
// pages (the baseline, measured in the same run on the same sandbox). Prints time and memory
// as ratios to the baseline, for a few sizes. `node --expose-gc benchmarks/node-pagination.js`
require('../demo/register-ts');
const { startSandbox } = require('../sandbox');
const { runNode } = require('../test/helpers/n8n-runner.ts');
const { sandboxCredentials } = require('../test/helpers/sandbox-credential.ts');

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

async function baseline(sb, token) {
	const heap = process.memoryUsage().heapUsed;
	const started = process.hrtime.bigint();
	const all = [];
	for (let page = 1; ; page++) {
		const res = await fetch(`${sb.url}/subscribers?page=${page}&size=50`, {
			headers: { authorization: `Bearer ${token}`, 'x-fanvue-api-version': sb.apiVersion },
		});
		const body = await res.json();
		all.push(...body.data);
		if (!body.pagination.hasMore) break;
	}
	return { ms: Number(process.hrtime.bigint() - started) / 1e6, items: all.length, heapMb: (process.memoryUsage().heapUsed - heap) / 1024 / 1024 };
}

async function throughNode(sb, token) {
	const credentials = sandboxCredentials(sb, token);
	const heap = process.memoryUsage().heapUsed;
	const started = process.hrtime.bigint();
	const result = await runNode({ parameters: { resource: 'subscriber', operation: 'getMany', returnAll: true }, credentials });
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	if (result.error) throw result.error;
	const items = result.output(result.nodeName).length;
	return { ms, items, heapMb: (process.memoryUsage().heapUsed - heap) / 1024 / 1024 };
}

(async () => {
	for (const fans of [1_000, 10_000, 50_000]) {
		const sb = await startSandbox({ fans, seed: 1, rateLimit: { capacity: 1_000_000, windowSeconds: 60 } });
		const token = sb.issueToken();
		// Warm-ups: n8n-core's modules load on the first run, not per run.
		await baseline(sb, token.access_token);
		await throughNode(sb, token);
		global.gc?.();
		const base = await baseline(sb, token.access_token);
		global.gc?.();
		const node = await throughNode(sb, token);
		await sb.stop();
		console.log(
			`${fans.toLocaleString('en')} fans (${node.items.toLocaleString('en')} subscribers, ${Math.ceil(node.items / 50)} pages): ` +
				`baseline ${base.ms.toFixed(0)} ms, node ${node.ms.toFixed(0)} ms (x${(node.ms / base.ms).toFixed(2)}); ` +
				`heap growth baseline ${mb(base.heapMb * 1024 * 1024)} MB, node ${mb(node.heapMb * 1024 * 1024)} MB (x${(node.heapMb / Math.max(base.heapMb, 0.1)).toFixed(2)})`,
		);
		if (node.items !== base.items) throw new Error(`node returned ${node.items}, baseline ${base.items}`);
	}
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
