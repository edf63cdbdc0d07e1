'use strict';
// Benchmark 4: memory of a Return All over a large account: the n8n process's peak resident
// memory during the run, above what it used just before, against two baselines measured in the
// same run: the size of the raw JSON the API sent (read by this script from the same sandbox),
// and n8n's own floor, a Code node returning the same records as items without any HTTP (what
// n8n costs to hold and save that many items, whoever produces them). n8n's HTTP Request node
// over the same pages is measured the same way. Each run starts from a collected heap (through
// n8n's inspector): without that, V8 lets a run's garbage pile up to an allocation limit it set
// while n8n started, and the peak measures n8n's start rather than the run (seen: +733 MB of
// heap without one major collection, +195 MB after one collection first). The V8 heap in use is
// read through the inspector too, so that RSS can be told apart from what JavaScript objects
// take. The bucket is scaled up (memory does not depend on the pacing; the output says so).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { startStack, fanvueCredential, harness, executionMs, runUntilSettled } = require('./lib/stack');
const { nodeReturnAll, httpRequestReturnAll, codeNodeItems } = require('./lib/workflows');
const { openInspector } = require('./lib/inspector');
const { measureRetained, describe: describeRetained, readSubscriberPages } = require('./node-pagination');

const FLOOR = "n8n's floor: Code node, same records";

const rssBytes = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;

async function measure(stack, label, workflow, raw) {
	const pid = stack.n8n.pid;
	stack.sb.resetRateLimits();
	const imported = await stack.rest.importWorkflow(workflow);
	await new Promise((resolve) => setTimeout(resolve, 3000)); // let n8n settle after the import
	const inspector = await openInspector(pid);
	let execution;
	let growth;
	try {
		await inspector.collectGarbage();
		const heapBefore = await inspector.heapUsedBytes();
		const before = rssBytes(pid);
		let peak = before;
		let heapPeak = heapBefore;
		const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 25);
		let sampling = true;
		const heapSampler = (async () => {
			while (sampling) {
				heapPeak = Math.max(heapPeak, await inspector.heapUsedBytes().catch(() => 0));
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		})();
		try {
			const executionId = await runUntilSettled(stack, imported.id);
			clearInterval(sampler);
			sampling = false;
			await heapSampler;
			execution = await stack.rest.getExecution(executionId);
		} finally {
			clearInterval(sampler);
			sampling = false;
		}
		growth = { rssBeforeBytes: before, growthBytes: peak - before, heapBeforeBytes: heapBefore, heapGrowthBytes: heapPeak - heapBefore };
	} finally {
		inspector.close();
	}
	const lastNode = workflow.nodes[workflow.nodes.length - 1].name;
	const items = execution.status === 'success' ? harness.nodeOutput(execution, lastNode).length : 0;
	return {
		label,
		status: execution.status,
		items,
		ms: executionMs(execution),
		...growth,
		ratio: growth.growthBytes / raw.bytes,
	};
}

/**
 * Each workflow runs in an n8n of its own: a process seldom gives memory back, so a second run
 * in the same process would grow into what the first one left and look free. `env` goes to
 * every n8n (e.g. EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS=false to leave saving out).
 */
async function memoryBenchmark({ fans = 100_000, bucket = { capacity: 2000, windowSeconds: 60 }, env = {}, log = console.log } = {}) {
	const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
	const results = [];
	const recordsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fanvue-bench-memory-')), 'subscribers.json');
	let raw;
	try {
		for (const [label, workflowFor] of [
			['Fanvue node', async (stack) => nodeReturnAll(await fanvueCredential(stack, { name: 'memory node' }))],
			[
				'HTTP Request + Split Out',
				async (stack) =>
					httpRequestReturnAll(await fanvueCredential(stack, { name: 'memory http' }), { apiUrl: stack.sb.url, apiVersion: stack.sb.apiVersion, intervalMs: 0 }),
			],
			[FLOOR, async () => codeNodeItems(recordsFile)],
		]) {
			// The Code node may read the records file.
			const stack = await startStack({ sandbox: { seed: 1, fans, rateLimit: bucket }, env: { NODE_FUNCTION_ALLOW_BUILTIN: 'fs', ...env } });
			try {
				if (!raw) {
					const { bytes, records } = await readSubscriberPages(stack.sb, stack.sb.issueToken().access_token);
					fs.writeFileSync(recordsFile, JSON.stringify(records));
					raw = { bytes, records: records.length };
					log(
						`benchmark 4: Return All of the subscribers of ${fans.toLocaleString('en')} fans: ${raw.records.toLocaleString('en')} records, ${mb(raw.bytes)} MB of JSON; bucket ${bucket.capacity} / ${bucket.windowSeconds} s (scaled, memory does not depend on pacing)` +
							(Object.keys(env).length ? `; n8n with ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''),
					);
				}
				const r = await measure(stack, label, await workflowFor(stack), raw);
				results.push(r);
				const heapText = `V8 heap in use +${mb(r.heapGrowthBytes)} MB at its peak (sampled every 100 ms)`;
				log(`  ${label}: ${r.status}, ${r.items.toLocaleString('en')} items, peak RSS growth ${mb(r.growthBytes)} MB = x${r.ratio.toFixed(2)} the raw JSON; ${heapText}; ${(r.ms / 1000).toFixed(1)} s`);
			} finally {
				await stack.stop();
			}
		}
	} finally {
		fs.rmSync(path.dirname(recordsFile), { recursive: true, force: true });
	}
	const floor = results.find((r) => r.label === FLOOR);
	if (floor?.status === 'success' && floor.items === raw.records) {
		for (const r of results) r.ratioToFloor = r.growthBytes / floor.growthBytes;
		log(`  peak RSS growth / n8n's floor (${mb(floor.growthBytes)} MB for the same ${raw.records.toLocaleString('en')} items from a Code node): ` + results.map((r) => `${r.label} x${r.ratioToFloor.toFixed(2)}`).join(', '));
	} else {
		log(`  n8n's floor not measured (${floor?.status}, ${floor?.items} items): no ratio to it`);
	}
	// What the node itself keeps, without n8n's server: n8n-core's engine, forced collections.
	let retained = null;
	if (typeof global.gc === 'function') {
		retained = await measureRetained(fans);
		log(`  in n8n-core alone (node --expose-gc): ${describeRetained(retained)}`);
	} else {
		log('  what the node keeps in n8n-core alone: not measured (run node with --expose-gc)');
	}
	return { fans, bucket, raw, results, floor: floor?.growthBytes ?? null, retained };
}

module.exports = { memoryBenchmark };

if (require.main === module) {
	memoryBenchmark().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
