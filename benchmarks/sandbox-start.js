#!/usr/bin/env node
// How the sandbox's start-up and first page scale with the number of fans: each figure is a
// ratio against 1,000 fans measured in the same run (so the machine's speed cancels out).
const { startSandbox } = require('../sandbox');

async function measure(fans) {
	const started = process.hrtime.bigint();
	const sb = await startSandbox({ seed: 1, fans });
	const ready = process.hrtime.bigint();
	const token = sb.issueToken().access_token;
	const res = await fetch(`${sb.url}/chats?page=1&size=50`, {
		headers: { authorization: `Bearer ${token}`, 'x-fanvue-api-version': sb.apiVersion },
	});
	await res.json();
	const firstPage = process.hrtime.bigint();
	await sb.stop();
	return { startMs: Number(ready - started) / 1e6, firstPageMs: Number(firstPage - ready) / 1e6 };
}

(async () => {
	await measure(100); // warm-up
	const baseline = await measure(1_000);
	console.log(`baseline 1,000 fans: start ${baseline.startMs.toFixed(1)} ms, first page ${baseline.firstPageMs.toFixed(1)} ms`);
	for (const fans of [10_000, 100_000]) {
		const m = await measure(fans);
		console.log(
			`${fans.toLocaleString('en')} fans: start ${m.startMs.toFixed(1)} ms (x${(m.startMs / baseline.startMs).toFixed(1)}), ` +
				`first page ${m.firstPageMs.toFixed(1)} ms (x${(m.firstPageMs / baseline.firstPageMs).toFixed(1)})`,
		);
	}
})();
