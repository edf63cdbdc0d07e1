/**
 * One PostgreSQL server for a whole `jest` run: the e2e files each take a database of their own
 * on it (PostgresServer.createDatabase) instead of running initdb and a server per file, which
 * cost seconds each, 22 times a run. Started by the global setup when the run includes e2e
 * tests, in the run's folder, registered with the run (the teardown stops it), and announced
 * to every jest worker by RUN_POSTGRES_URL_VARIABLE, which startPostgres() reads.
 *
 * A test that stops or restarts its server (the chaos run, the hygiene checks) asks
 * startPostgres({ own: true }) for one of its own.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const { freePort } = require('./free-port');
const { makeTempDir, registerProcessGroup } = require('./test-run');

const RUN_POSTGRES_URL_VARIABLE = 'FANVUE_TEST_POSTGRES_URL';
const RUN_POSTGRES_ERROR_VARIABLE = 'FANVUE_TEST_POSTGRES_ERROR';
/** How the run's server is named in the run's registry: the teardown expects to stop it. */
const RUN_POSTGRES_LABEL = "the run's PostgreSQL";
const PASSWORD = 'postgres';
const EMBEDDED_POSTGRES = path.join(__dirname, '../e2e/harness/embedded-postgres.mjs');

/** Whether the run's projects or paths reach the e2e tests (the browser test runs the demo's own server). */
function runNeedsPostgres(globalConfig) {
	const projects = globalConfig.selectProjects;
	if (projects && !projects.some((name) => /^(e2e|e2e-queue|faults)$/.test(name))) return false;
	const pattern = globalConfig.testPathPattern;
	if (pattern && !/e2e/.test(pattern)) return false;
	return true;
}

const START_TIMEOUT_MS = 120_000;
const LOG = path.join(__dirname, '../../test-output/run-postgres.log');

/** Starts the run's server and returns its URL (postgres://postgres:postgres@127.0.0.1:<port>).
 * Its output goes to test-output/run-postgres.log, also after the start (a crash mid-run). */
async function startRunPostgres() {
	const baseDir = makeTempDir('fanvue-run-pg-');
	// As root, embedded-postgres runs initdb as the `postgres` user, which must reach the folder.
	fs.chmodSync(baseDir, 0o755);
	const dataDir = path.join(baseDir, 'data');
	const port = await freePort();
	fs.mkdirSync(path.dirname(LOG), { recursive: true });
	const log = fs.openSync(LOG, 'w');
	const child = spawn(process.execPath, [EMBEDDED_POSTGRES, dataDir, String(port), PASSWORD], {
		cwd: path.join(__dirname, '../..'),
		stdio: ['ignore', 'pipe', log],
		detached: true,
	});
	fs.closeSync(log);
	registerProcessGroup(child.pid, `${RUN_POSTGRES_LABEL} on port ${port}`);
	let timer;
	try {
		await new Promise((resolve, reject) => {
			child.stdout.on('data', (chunk) => String(chunk).includes('ready') && resolve());
			child.once('exit', (code) => reject(new Error(`it exited (${code})`)));
			timer = setTimeout(() => reject(new Error(`not ready after ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
		});
	} catch (error) {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
		const tail = fs.readFileSync(LOG, 'utf8').split('\n').slice(-30).join('\n');
		throw new Error(`the run's PostgreSQL did not start: ${error.message}. ${LOG}:\n${tail}`);
	} finally {
		clearTimeout(timer);
	}
	// The parent must not wait for it: the teardown ends it through the registry.
	child.stdout.destroy();
	child.unref();
	return `postgres://postgres:${PASSWORD}@127.0.0.1:${port}`;
}

/**
 * For the global setup: the run's server, or, when it could not start, the reason, which the e2e
 * files then report (startPostgres throws it) while the unit, workflow and sandbox tests still run.
 */
async function provideRunPostgres() {
	try {
		process.env[RUN_POSTGRES_URL_VARIABLE] = await startRunPostgres();
	} catch (error) {
		process.env[RUN_POSTGRES_ERROR_VARIABLE] = error.message;
	}
}

module.exports = { RUN_POSTGRES_ERROR_VARIABLE, RUN_POSTGRES_LABEL, RUN_POSTGRES_URL_VARIABLE, provideRunPostgres, runNeedsPostgres };
