'use strict';
// Benchmark 4: memory of a Return All over a large account: the n8n process's peak resident
// memory during the run, above what it used just before, against the size of the raw JSON the
// API sent (read by this script from the same sandbox in the same run: the baseline). n8n keeps
// every output item and saves the execution, so part of the growth is n8n's own; n8n's HTTP
// Request node over the same pages is measured the same way for comparison. The bucket is
// scaled up (memory does not depend on the pacing; the output says so).
const fs = require('fs');
const { startStack, fanvueCredential, harness, executionMs } = require('./lib/stack');
const { nodeReturnAll, httpRequestReturnAll } = require('./lib/workflows');

const rssBytes = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;

/** Every page of GET /subscribers as the API sends it: the bytes and the record count. */
async function rawJson(sb) {
	const { access_token } = sb.issueToken();
	let bytes = 0;
	let records = 0;
	for (let page = 1; ; page++) {
		const res = await fetch(`${sb.url}/subscribers?page=${page}&size=50`, {
			headers: { authorization: `Bearer ${access_token}`, 'x-fanvue-api-version': sb.apiVersion },
		});
		const text = await res.text();
		bytes += Buffer.byteLength(text);
		const body = JSON.parse(text);
		records += body.data.length;
		if (!body.pagination.hasMore) return { bytes, records };
	}
}

async function measure(stack, label, workflow, raw) {
	const pid = stack.n8n.pid;
	stack.sb.resetRateLimits();
	const imported = await stack.rest.importWorkflow(workflow);
	await new Promise((resolve) => setTimeout(resolve, 3000)); // let n8n settle after the import
	const before = rssBytes(pid);
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 25);
	let execution;
	try {
		// Poll the summary only: fetching the execution's data makes n8n serialize every item
		// for the answer, which is the REST API's cost, not the run's.
		const executionId = await harness.startManualRun(stack.rest, imported.id);
		for (;;) {
			const [summary] = await stack.rest.listExecutions(imported.id, { max: 1 });
			if (summary && String(summary.id) === executionId && harness.isSettled(summary.status)) break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		clearInterval(sampler);
		execution = await stack.rest.getExecution(executionId);
	} finally {
		clearInterval(sampler);
	}
	const lastNode = workflow.nodes[workflow.nodes.length - 1].name;
	const items = execution.status === 'success' ? harness.nodeOutput(execution, lastNode).length : 0;
	return { label, status: execution.status, items, ms: executionMs(execution), rssBeforeBytes: before, growthBytes: peak - before, ratio: (peak - before) / raw.bytes };
}

/**
 * Each workflow runs in an n8n of its own: a process seldom gives memory back, so a second run
 * in the same process would grow into what the first one left and look free.
 */
async function memoryBenchmark({ fans = 100_000, bucket = { capacity: 2000, windowSeconds: 60 }, log = console.log } = {}) {
	const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
	const results = [];
	let raw;
	for (const [label, workflowFor] of [
		['Fanvue node', async (stack) => nodeReturnAll(await fanvueCredential(stack, { name: 'memory node' }))],
		[
			'HTTP Request + Split Out',
			async (stack) =>
				httpRequestReturnAll(await fanvueCredential(stack, { name: 'memory http' }), { apiUrl: stack.sb.url, apiVersion: stack.sb.apiVersion, intervalMs: 0 }),
		],
	]) {
		const stack = await startStack({ sandbox: { seed: 1, fans, rateLimit: bucket } });
		try {
			if (!raw) {
				raw = await rawJson(stack.sb);
				log(`benchmark 4: Return All of the subscribers of ${fans.toLocaleString('en')} fans: ${raw.records.toLocaleString('en')} records, ${mb(raw.bytes)} MB of JSON; bucket ${bucket.capacity} / ${bucket.windowSeconds} s (scaled, memory does not depend on pacing)`);
			}
			const r = await measure(stack, label, await workflowFor(stack), raw);
			results.push(r);
			log(`  ${label}: ${r.status}, ${r.items.toLocaleString('en')} items, peak RSS growth ${mb(r.growthBytes)} MB = x${r.ratio.toFixed(2)} the raw JSON, ${(r.ms / 1000).toFixed(1)} s`);
		} finally {
			await stack.stop();
		}
	}
	return { fans, bucket, raw, results };
}

module.exports = { memoryBenchmark };

if (require.main === module) {
	memoryBenchmark().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
