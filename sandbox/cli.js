#!/usr/bin/env node
'use strict';
// `npm run sandbox -- --port 4010 --seed 1 --fans 200 --auto-approve`
// Starts the sandbox, prints where it listens and the app's client credentials, and stops
// cleanly on SIGINT/SIGTERM (pending webhook retries are cancelled).
const { startSandbox } = require('./index');

const HELP = `Usage: node sandbox/cli.js [options]
  --port <n>                 port on 127.0.0.1 (default 4010; 0 = random)
  --seed <n>                 data seed (default 1)
  --fans <n>                 number of seeded fans, up to 100000 (default 200)
  --fault-seed <n>           seed of the fault decisions (default FANVUE_FAULT_SEED, else random)
  --client-id <id>           OAuth client id (default sandbox-client-id)
  --client-secret <secret>   OAuth client secret (default sandbox-client-secret)
  --scopes "<a b c>"         scopes enabled for the app (default: all documented scopes)
  --auto-approve             skip the consent page
  --token-ttl <seconds>      access token lifetime (default 3600)
  --rate-capacity <n>        rate-limit bucket capacity (default 200)
  --rate-window <seconds>    seconds to refill the whole bucket (default 60)
  --no-webhook-subscriptions POST /webhooks/subscriptions answers 400
  --webhook-attempts <n>     delivery attempts including the first (default 5)
  --webhook-base-delay <ms>  first retry delay, doubled each retry (default 1000)
  --revoke-access-on-refresh refreshing revokes the previous access token
  --verbose                  log handler errors
  --help`;

function parseArgs(argv) {
	const o = { port: 4010, fans: 200, rateLimit: {}, webhookRetry: {} };
	const num = (v, name) => {
		const n = Number(v);
		if (!Number.isFinite(n)) throw new Error(`${name} needs a number`);
		return n;
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = () => argv[++i];
		switch (a) {
			case '--port': o.port = num(next(), a); break;
			case '--seed': o.seed = next(); break;
			case '--fans': o.fans = num(next(), a); break;
			case '--fault-seed': o.faultSeed = next(); break;
			case '--client-id': o.clientId = next(); break;
			case '--client-secret': o.clientSecret = next(); break;
			case '--scopes': o.appScopes = next().split(/[\s,]+/).filter(Boolean); break;
			case '--auto-approve': o.autoApprove = true; break;
			case '--token-ttl': o.accessTokenTtlSeconds = num(next(), a); break;
			case '--rate-capacity': o.rateLimit.capacity = num(next(), a); break;
			case '--rate-window': o.rateLimit.windowSeconds = num(next(), a); break;
			case '--no-webhook-subscriptions': o.webhookSubscriptionsApi = false; break;
			case '--webhook-attempts': o.webhookRetry.attempts = num(next(), a); break;
			case '--webhook-base-delay': o.webhookRetry.baseDelayMs = num(next(), a); break;
			case '--revoke-access-on-refresh': o.revokeAccessTokenOnRefresh = true; break;
			case '--verbose': o.log = (m) => console.error(m); break;
			case '--help': case '-h': console.log(HELP); process.exit(0); break;
			default: throw new Error(`Unknown option ${a}\n${HELP}`);
		}
	}
	// Numeric seeds stay numbers so `--seed 1` equals startSandbox({seed: 1}).
	if (o.seed !== undefined && /^\d+$/.test(o.seed)) o.seed = Number(o.seed);
	if (o.faultSeed !== undefined && /^\d+$/.test(o.faultSeed)) o.faultSeed = Number(o.faultSeed);
	return o;
}

async function main() {
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (err) {
		console.error(err.message);
		process.exit(2);
	}
	const sb = await startSandbox(options);
	console.log(`Fanvue sandbox listening on ${sb.url}`);
	console.log(`  authorize URL  ${sb.url}/oauth2/auth`);
	console.log(`  token URL      ${sb.url}/oauth2/token`);
	console.log(`  API base URL   ${sb.url}  (X-Fanvue-API-Version: ${sb.apiVersion})`);
	console.log(`  client id      ${sb.clientId}`);
	console.log(`  client secret  ${sb.clientSecret}`);
	console.log(`  creator        ${sb.creator.displayName} (@${sb.creator.handle}, ${sb.creator.uuid})`);
	console.log(`  fans           ${sb.store.fans.length} (seed ${sb.options.seed})`);
	console.log(`  fault seed     ${sb.faultSeed}  (replay the faults' decisions with --fault-seed ${sb.faultSeed})`);
	console.log(`  control API    ${sb.url}/_sandbox/state`);
	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping sandbox`);
		await sb.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
	console.error(err.stack || err);
	process.exit(1);
});
