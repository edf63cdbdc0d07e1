/**
 * One PostgreSQL server for a whole `jest` run: the e2e files each take a database of their own
 * on it (PostgresServer.createDatabase) instead of running initdb and a server per file, which
 * cost seconds each, 22 times a run. Started by the global setup when the run includes e2e or
 * browser tests, in the run's folder, registered with the run (the teardown stops it), and
 * announced to every jest worker by RUN_POSTGRES_URL_VARIABLE, which startPostgres() reads.
 *
 * A test that stops or restarts its server (the chaos run, the hygiene checks) asks
 * startPostgres({ own: true }) for one of its own.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const { makeTempDir, registerProcessGroup } = require('./test-run');

const RUN_POSTGRES_URL_VARIABLE = 'FANVUE_TEST_POSTGRES_URL';
/** How the run's server is named in the run's registry: the teardown expects to stop it. */
const RUN_POSTGRES_LABEL = "the run's PostgreSQL";
const PASSWORD = 'postgres';
const EMBEDDED_POSTGRES = path.join(__dirname, '../e2e/harness/embedded-postgres.mjs');

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Whether the run's projects or paths reach the tests that use PostgreSQL. */
function runNeedsPostgres(globalConfig) {
	const projects = globalConfig.selectProjects;
	if (projects && !projects.some((name) => /^(e2e|e2e-queue|browser)$/.test(name))) return false;
	const pattern = globalConfig.testPathPattern;
	if (pattern && !/e2e|browser/.test(pattern)) return false;
	return true;
}

/** Starts the run's server and returns its URL (postgres://postgres:postgres@127.0.0.1:<port>). */
async function startRunPostgres() {
	const baseDir = makeTempDir('fanvue-run-pg-');
	// As root, embedded-postgres runs initdb as the `postgres` user, which must reach the folder.
	fs.chmodSync(baseDir, 0o755);
	const dataDir = path.join(baseDir, 'data');
	const port = await freePort();
	const child = spawn(process.execPath, [EMBEDDED_POSTGRES, dataDir, String(port), PASSWORD], {
		cwd: path.join(__dirname, '../..'),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	registerProcessGroup(child.pid, `${RUN_POSTGRES_LABEL} on port ${port}`);
	let output = '';
	child.stderr.on('data', (chunk) => (output += chunk));
	await new Promise((resolve, reject) => {
		child.stdout.on('data', (chunk) => String(chunk).includes('ready') && resolve());
		child.once('exit', (code) => reject(new Error(`the run's PostgreSQL exited (${code}): ${output.slice(-2000)}`)));
	});
	// The parent must not wait for it: the teardown ends it through the registry.
	child.stdout.destroy();
	child.stderr.destroy();
	child.unref();
	return `postgres://postgres:${PASSWORD}@127.0.0.1:${port}`;
}

module.exports = { RUN_POSTGRES_LABEL, RUN_POSTGRES_URL_VARIABLE, runNeedsPostgres, startRunPostgres };
