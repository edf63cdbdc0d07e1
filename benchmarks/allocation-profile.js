'use strict';
// Who allocates in n8n during a Return All of the node (benchmark 4's workflow): V8's sampling
// heap profiler, read through n8n's inspector, counting every sampled allocation, also those
// collected since, by the first of these parts found walking from the allocating function up its
// stack. Where the memory of a run goes before V8 collects it; benchmark 4 measures the peak.
// `node --experimental-websocket benchmarks/allocation-profile.js [fans]`
const { startStack, fanvueCredential, runUntilSettled } = require('./lib/stack');
const { nodeReturnAll } = require('./lib/workflows');
const { openInspector } = require('./lib/inspector');

/** Checked in this order against each frame, from the allocating one up. */
const PARTS = [
	['reading the credential (decrypt, defaults, expressions)', /getDecrypted|applyDefaultsAndOverwrites|getCredentials /],
	['the Fanvue node (this package)', / n8n-nodes-fanvue\//],
	["n8n's HTTP helper and axios", /axios|request-helpers|httpRequest|backend-network/],
	['saving and reading executions (flatted, database)', /flatted|typeorm|sqlite|execution-repository|saveExecution/],
	["n8n's execution engine", /n8n-core/],
];

function allocationsByPart(profile) {
	const bytes = new Map();
	let total = 0;
	const walk = (node, stack) => {
		// The module path from its package on (n8n's own cache folder may be called anything).
		const frame = `${node.callFrame.functionName} ${node.callFrame.url.replace(/.*\/node_modules\//, '')}`;
		const frames = [frame, ...stack];
		if (node.selfSize) {
			total += node.selfSize;
			let part = 'other (n8n server, Node.js)';
			for (const f of frames) {
				const match = PARTS.find(([, pattern]) => pattern.test(f));
				if (match) {
					part = match[0];
					break;
				}
			}
			bytes.set(part, (bytes.get(part) ?? 0) + node.selfSize);
		}
		for (const child of node.children) walk(child, frames);
	};
	walk(profile.head, []);
	return { total, parts: [...bytes].sort((a, b) => b[1] - a[1]) };
}

async function allocationProfile({ fans = 100_000, log = console.log } = {}) {
	const stack = await startStack({ sandbox: { seed: 1, fans, rateLimit: { capacity: 2000, windowSeconds: 60 } } });
	try {
		const workflow = await stack.rest.importWorkflow(nodeReturnAll(await fanvueCredential(stack, { name: 'allocation profile' })));
		const inspector = await openInspector(stack.n8n.pid);
		try {
			await inspector.collectGarbage();
			await inspector.call('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
			await runUntilSettled(stack, workflow.id);
			const { profile } = await inspector.call('HeapProfiler.stopSampling');
			const { total, parts } = allocationsByPart(profile);
			log(`allocated in n8n during a Return All over ${fans.toLocaleString('en')} fans: ${(total / 2 ** 20).toFixed(0)} MB (sampled)`);
			for (const [part, size] of parts) log(`  ${((100 * size) / total).toFixed(1).padStart(5)} %  ${(size / 2 ** 20).toFixed(0).padStart(5)} MB  ${part}`);
			return { fans, totalBytes: total, parts: Object.fromEntries(parts) };
		} finally {
			inspector.close();
		}
	} finally {
		await stack.stop();
	}
}

module.exports = { allocationProfile };

if (require.main === module) {
	allocationProfile({ fans: Number(process.argv[2] ?? 100_000) }).catch((error) => {
		console.error(error);
		process.exitCode = 1;
	});
}
