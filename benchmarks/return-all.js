'use strict';
// Benchmark 1: Return All of ~20,000 subscribers under Fanvue's bucket, the Fanvue node against
// n8n's HTTP Request node configured as a user would. The baseline is the bucket's own lower
// bound, computed from what the sandbox counted in the same run: a full bucket of C tokens
// serves C requests at once, every further one waits for the refill (C / window per second),
// so N requests need at least (N - tokens at start) / refill rate seconds, whoever sends them.
const { startStack, fanvueCredential, harness, executionMs } = require('./lib/stack');
const { nodeReturnAll, httpRequestReturnAll } = require('./lib/workflows');

/**
 * What another workflow on the same Fanvue account took from the bucket just before. Resolves
 * the tokens the bucket reported left afterwards, and when (epoch ms).
 */
async function drawFromBucket(sb, count, capacity) {
	const { access_token } = sb.issueToken();
	let remaining = capacity;
	for (let i = 0; i < count; i++) {
		const res = await fetch(`${sb.url}/users/me`, { headers: { authorization: `Bearer ${access_token}`, 'x-fanvue-api-version': sb.apiVersion } });
		await res.arrayBuffer();
		remaining = Number(res.headers.get('x-ratelimit-remaining'));
	}
	return { remaining, at: Date.now() };
}

async function runVariant(stack, { label, workflow, othersUsed = 0, bucket }) {
	const { sb, rest } = stack;
	sb.resetRateLimits();
	const drawn = await drawFromBucket(sb, othersUsed, bucket.capacity);
	sb.clearRequests();
	const imported = await rest.importWorkflow(workflow);
	const execution = await harness.runWorkflowManually(rest, imported.id, { timeoutMs: 20 * 60_000 });
	const pages = sb.requests().filter((r) => r.path.startsWith('/subscribers'));
	const served = pages.filter((r) => r.status === 200).length;
	const tooMany = pages.filter((r) => r.status === 429).length;
	const lastNode = workflow.nodes[workflow.nodes.length - 1].name;
	const items = execution.status === 'success' ? harness.nodeOutput(execution, lastNode).length : 0;
	const ms = executionMs(execution);
	// What was left after the other workflow, plus the refill until this execution started.
	const refillPerMs = bucket.capacity / (bucket.windowSeconds * 1000);
	const startedAt = new Date(execution.startedAt).getTime();
	const tokensAtStart = Math.min(bucket.capacity, drawn.remaining + Math.max(0, startedAt - drawn.at) * refillPerMs);
	const boundMs = (Math.max(0, served - tokensAtStart) / (bucket.capacity / bucket.windowSeconds)) * 1000;
	return {
		label,
		othersUsed,
		status: execution.status,
		error: execution.errorMessage ?? null,
		items,
		pages: served,
		tooManyRequests: tooMany,
		ms,
		boundMs,
		ratio: boundMs > 0 ? ms / boundMs : null,
	};
}

/**
 * `fans` seeds the sandbox (55 % of them subscribe); `bucket` is {capacity, windowSeconds}.
 * The hand-tuned interval is the smallest that lets the HTTP Request node finish alone: the
 * N - C requests past the first bucket must not come faster than the refill.
 */
async function returnAllBenchmark({ fans = 36_360, bucket = { capacity: 200, windowSeconds: 60 }, log = console.log } = {}) {
	const stack = await startStack({ sandbox: { seed: 1, fans, rateLimit: bucket, maxRecordedRequests: 50_000 } });
	try {
		const { sb } = stack;
		const expected = sb.state().subscribers;
		const pages = Math.ceil(expected / 50);
		const refillPerSecond = bucket.capacity / bucket.windowSeconds;
		const tunedIntervalMs = Math.ceil((((pages - bucket.capacity) / refillPerSecond) * 1000) / pages);
		const contended = Math.round(bucket.capacity / 2);
		const credentialFor = (name) => fanvueCredential(stack, { name });
		const http = (intervalMs) => ({ apiUrl: sb.url, apiVersion: sb.apiVersion, intervalMs });
		log(`benchmark 1: ${expected.toLocaleString('en')} subscribers (${pages} pages of 50), bucket ${bucket.capacity} / ${bucket.windowSeconds} s`);
		const variants = [
			{ label: 'Fanvue node', workflow: nodeReturnAll(await credentialFor('node alone')) },
			{ label: 'HTTP Request, no interval', workflow: httpRequestReturnAll(await credentialFor('http 0'), http(0)) },
			{ label: `HTTP Request, interval ${tunedIntervalMs} ms`, workflow: httpRequestReturnAll(await credentialFor('http tuned'), http(tunedIntervalMs)) },
			{ label: `Fanvue node, ${contended} requests used elsewhere`, othersUsed: contended, workflow: nodeReturnAll(await credentialFor('node shared')) },
			{
				label: `HTTP Request, interval ${tunedIntervalMs} ms, ${contended} requests used elsewhere`,
				othersUsed: contended,
				workflow: httpRequestReturnAll(await credentialFor('http tuned shared'), http(tunedIntervalMs)),
			},
		];
		const results = [];
		for (const variant of variants) {
			const result = { ...(await runVariant(stack, { ...variant, bucket })), expected };
			results.push(result);
			log(
				`  ${result.label}: ${result.status}, ${result.items.toLocaleString('en')} / ${expected.toLocaleString('en')} subscribers, ` +
					`${(result.ms / 1000).toFixed(1)} s, bound ${(result.boundMs / 1000).toFixed(1)} s` +
					`${result.ratio === null ? '' : ` (x${result.ratio.toFixed(3)})`}, 429s: ${result.tooManyRequests}` +
					`${result.error ? `, error: ${result.error}` : ''}`,
			);
		}
		return { bucket, expected, pages, results };
	} finally {
		await stack.stop();
	}
}

module.exports = { returnAllBenchmark };

if (require.main === module) {
	returnAllBenchmark().catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
