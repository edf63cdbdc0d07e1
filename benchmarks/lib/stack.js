'use strict';
// The stack every benchmark runs on: a real n8n 2.41.1 that installed the packed package (the
// e2e harness, test/e2e/harness), with an owner, and the Fanvue sandbox. Each benchmark starts
// its own n8n (optionally with extra environment) and stops it, with everything else, when done.
require('../../demo/register-ts');
const harness = require('../../test/e2e/harness');

let packageDir;

/** The packed package, built once per `npm run bench`. */
function packedPackage() {
	packageDir ??= harness.packPackage();
	return packageDir;
}

/**
 * Starts n8n (with an owner) and the sandbox side by side. `sandbox` are startSandbox() options.
 * Resolves `{ n8n, sb, rest, stop }`; stop() ends both, also after a failure.
 */
async function startStack({ sandbox = {}, env } = {}) {
	const [n8n, sb] = await Promise.allSettled([
		harness.startN8n({ packageDir: packedPackage(), env }),
		harness.startFanvueSandbox(sandbox),
	]);
	const stop = async () => {
		if (n8n.status === 'fulfilled') await n8n.value.stop();
		if (sb.status === 'fulfilled') await sb.value.stop();
	};
	if (n8n.status === 'rejected' || sb.status === 'rejected') {
		await stop();
		throw n8n.reason ?? sb.reason;
	}
	await n8n.value.rest.setupOwner();
	return { n8n: n8n.value, sb: sb.value, rest: n8n.value.rest, stop };
}

/**
 * The template stack (test/e2e/harness/template-stack.ts) in queue mode: Redis, PostgreSQL as
 * n8n's database, `n8n start` + `n8n webhook` + two `n8n worker` processes, each with the
 * packed package. The harness picks queue mode from FANVUE_E2E_MODE (one switch for the e2e
 * tests), read while the stack starts, so it is set for exactly that long. Its stop() stops
 * every process, Redis and PostgreSQL.
 */
async function startQueueTemplateStack(options) {
	const previous = process.env.FANVUE_E2E_MODE;
	process.env.FANVUE_E2E_MODE = 'queue';
	try {
		return await harness.startTemplateStack(options);
	} finally {
		if (previous === undefined) delete process.env.FANVUE_E2E_MODE;
		else process.env.FANVUE_E2E_MODE = previous;
	}
}

/** A Fanvue credential connected to the sandbox through n8n's OAuth2 flow: `{ id, name }`. */
async function fanvueCredential(stack, options = {}) {
	const credential = await harness.connectFanvueCredential(stack.rest, stack.sb, options);
	return { id: credential.id, name: credential.name };
}

/**
 * Starts the workflow by hand and waits until its execution has settled, asking n8n for the
 * summary only, once a second: fetching the execution's data makes n8n serialize every item (the
 * REST API's cost, not the run's), and asking every 100 ms made a fifth of what n8n allocated
 * during a 30 s run (a sampling heap profile). Resolves the execution's id.
 */
async function runUntilSettled(stack, workflowId) {
	const executionId = await harness.startManualRun(stack.rest, workflowId);
	for (;;) {
		const [summary] = await stack.rest.listExecutions(workflowId, { max: 1 });
		if (summary && String(summary.id) === executionId && harness.isSettled(summary.status)) return executionId;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

/** Milliseconds from an execution's start to its end, as n8n recorded them. */
function executionMs(execution) {
	return new Date(execution.stoppedAt).getTime() - new Date(execution.startedAt).getTime();
}

module.exports = { harness, startStack, startQueueTemplateStack, fanvueCredential, executionMs, packedPackage, runUntilSettled };
