#!/usr/bin/env node
// What the Fanvue node costs on top of the API itself: Subscriber → Get Many (Return All) run in
// n8n-core's real engine against the sandbox, against a bare loop of HTTP requests over the same
// pages (the baseline, measured in the same run on the same sandbox). Prints time as a ratio to
// the baseline, and the memory each one keeps (V8 heap after forced collections, while the
// records or the node's output items are still held) as a ratio to the raw JSON the API sent:
// what the node itself holds, without n8n's server around it (benchmark 4 measures that).
// `node --expose-gc benchmarks/node-pagination.js`
require('../demo/register-ts');
const { startSandbox } = require('../sandbox');
const { runNode } = require('../test/helpers/n8n-runner.ts');
const { sandboxCredentials } = require('../test/helpers/sandbox-credential.ts');

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

/**
 * V8 heap in use after full collections. Several rounds with a pause between them: fetch frees
 * its responses through finalizers, which run only after a collection found them, in a later
 * task; one synchronous gc() left the previous run's responses counted (a negative "growth").
 */
async function collectedHeap() {
	let used = Infinity;
	for (let round = 0; round < 5; round++) {
		global.gc();
		await new Promise((resolve) => setTimeout(resolve, 20));
		const now = process.memoryUsage().heapUsed;
		if (now >= used * 0.999) return now;
		used = now;
	}
	return used;
}

/** Every page of GET /subscribers as the API sends it: the bytes of JSON, and the records. */
async function readSubscriberPages(sb, token) {
	const records = [];
	let bytes = 0;
	for (let page = 1; ; page++) {
		const res = await fetch(`${sb.url}/subscribers?page=${page}&size=50`, {
			headers: { authorization: `Bearer ${token}`, 'x-fanvue-api-version': sb.apiVersion },
		});
		const text = await res.text();
		bytes += Buffer.byteLength(text);
		const body = JSON.parse(text);
		for (const record of body.data) records.push(record);
		if (!body.pagination.hasMore) return { bytes, records };
	}
}

/** The pages read with fetch, each record kept: time, bytes, and the memory the records keep. */
async function baseline(sb, token) {
	const heap = await collectedHeap();
	const started = process.hrtime.bigint();
	const { bytes, records } = await readSubscriberPages(sb, token);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const retained = (await collectedHeap()) - heap;
	return { ms, items: records.length, rawBytes: bytes, retainedBytes: retained, keep: records };
}

async function throughNode(sb, token) {
	const credentials = sandboxCredentials(sb, token);
	const heap = await collectedHeap();
	const started = process.hrtime.bigint();
	const result = await runNode({ parameters: { resource: 'subscriber', operation: 'getMany', returnAll: true }, credentials });
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	if (result.error) throw result.error;
	const output = result.output(result.nodeName);
	// The whole run result is still referenced here (n8n-core's run data holds the items).
	const retained = (await collectedHeap()) - heap;
	return { ms, items: output.length, retainedBytes: retained, keep: result };
}

/** n8n-core's modules load on the first run, not per run; nothing of these runs is kept. */
async function warmUp(sb, token) {
	await baseline(sb, token.access_token);
	await throughNode(sb, token);
}

const figuresOf = ({ keep: _released, ...figures }) => figures;

/** One size: the baseline and the node, after a warm-up, on one sandbox. */
async function measureRetained(fans) {
	if (typeof global.gc !== 'function') throw new Error('run node with --expose-gc');
	// The sandbox runs in this process: its request log would count as kept memory.
	const sb = await startSandbox({ fans, seed: 1, rateLimit: { capacity: 1_000_000, windowSeconds: 60 }, maxRecordedRequests: 0 });
	try {
		const token = sb.issueToken();
		await warmUp(sb, token);
		// Each result is let go before the next measurement starts (only figures are kept).
		const base = figuresOf(await baseline(sb, token.access_token));
		const node = figuresOf(await throughNode(sb, token));
		if (node.items !== base.items) throw new Error(`node returned ${node.items}, baseline ${base.items}`);
		return {
			fans,
			records: base.items,
			pages: Math.ceil(base.items / 50),
			rawBytes: base.rawBytes,
			baseline: { ms: base.ms, retainedBytes: base.retainedBytes, ratioToRaw: base.retainedBytes / base.rawBytes },
			node: { ms: node.ms, retainedBytes: node.retainedBytes, ratioToRaw: node.retainedBytes / base.rawBytes, timeRatio: node.ms / base.ms },
		};
	} finally {
		await sb.stop();
	}
}

function describe(r) {
	return (
		`${r.fans.toLocaleString('en')} fans (${r.records.toLocaleString('en')} subscribers, ${r.pages} pages, ${mb(r.rawBytes)} MB of JSON): ` +
		`time baseline ${r.baseline.ms.toFixed(0)} ms, node ${r.node.ms.toFixed(0)} ms (x${r.node.timeRatio.toFixed(2)}); ` +
		`kept after collection: the records parsed ${mb(r.baseline.retainedBytes)} MB (x${r.baseline.ratioToRaw.toFixed(2)} the JSON), ` +
		`the node's run with its output items ${mb(r.node.retainedBytes)} MB (x${r.node.ratioToRaw.toFixed(2)} the JSON)`
	);
}

module.exports = { measureRetained, describe, readSubscriberPages };

if (require.main === module) {
	(async () => {
		for (const fans of [1_000, 10_000, 100_000]) console.log(describe(await measureRetained(fans)));
	})().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
