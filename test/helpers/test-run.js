/**
 * What one `jest` run leaves behind: nothing. The global setup gives the run a folder of its
 * own (FANVUE_TEST_RUN_DIR, inherited by every jest worker); every temp folder the tests make
 * lives inside it, and every long-lived process group they start (n8n, PostgreSQL) is
 * registered there. The global teardown kills whatever is still registered and removes the
 * folder, so a test that timed out in beforeAll, or a worker jest killed, leaks nothing.
 *
 * Outside jest (the demo) there is no run folder: temp folders go to the system's, and
 * processes are only stopped by their owners.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const RUN_DIR_VARIABLE = 'FANVUE_TEST_RUN_DIR';
const RUN_DIR_PREFIX = 'fanvue-test-run-';
const GROUPS = 'process-groups';

/** The current run's folder, if this process belongs to a jest run.
 * @returns {string | undefined} */
function testRunDir() {
	const dir = process.env[RUN_DIR_VARIABLE];
	return dir && fs.existsSync(dir) ? dir : undefined;
}

/** A fresh temp folder: inside the run's folder under jest, else in the system's temp folder.
 * @param {string} prefix @returns {string} */
function makeTempDir(prefix) {
	return fs.mkdtempSync(path.join(testRunDir() ?? os.tmpdir(), prefix));
}

/** A folder shared by the whole run (created on first use), e.g. the packed package.
 * @param {string} name @returns {string} */
function runScopedDir(name) {
	const dir = path.join(testRunDir() ?? os.tmpdir(), name);
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

/**
 * Records a process group (a child spawned with `detached: true`) so the teardown can end it.
 * Returns the function that forgets it once its owner has stopped it.
 * @param {number} pid @param {string} label @returns {() => void}
 */
function registerProcessGroup(pid, label) {
	const dir = testRunDir();
	if (!dir) return () => {};
	const file = path.join(dir, GROUPS, String(pid));
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${label}\n${startTimeOf(pid) ?? ''}`);
	return () => fs.rmSync(file, { force: true });
}

/** A process's start time (clock ticks since boot), which tells it from a later one with its pid. */
function startTimeOf(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// Fields after the command name, which is in parentheses and may hold spaces: field 22 is the 20th.
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
	} catch {
		return undefined;
	}
}

/**
 * Whether the group still is the one registered. While any member lives, Linux gives nobody its
 * id; only a new process that took the id of a group leader gone with its whole group could be
 * mistaken for it, and its start time differs.
 */
function sameGroup(pgid, startTime) {
	const now = startTimeOf(pgid);
	return now === undefined || !startTime || now === startTime;
}

function groupAlive(pgid) {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

function signalGroup(pgid, signal) {
	try {
		process.kill(-pgid, signal);
	} catch {
		/* already gone */
	}
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Ends every registered process group still alive (SIGTERM, so PostgreSQL shuts down
 * cleanly; SIGKILL after `graceMs`) and removes the run's folder. Returns the labels of the
 * groups it had to end: each one is a test that did not stop what it started.
 * @param {string} dir @param {number} [graceMs] @returns {Promise<string[]>}
 */
async function cleanUpTestRun(dir, graceMs = 15_000) {
	const groupsDir = path.join(dir, GROUPS);
	const groups = fs.existsSync(groupsDir)
		? fs.readdirSync(groupsDir).map((name) => {
				const [label, startTime] = fs.readFileSync(path.join(groupsDir, name), 'utf8').split('\n');
				return { pgid: Number(name), label, startTime };
			})
		: [];
	const alive = groups.filter((group) => group.pgid > 1 && groupAlive(group.pgid) && sameGroup(group.pgid, group.startTime));
	for (const group of alive) signalGroup(group.pgid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (alive.some((group) => groupAlive(group.pgid)) && Date.now() < deadline) await pause(100);
	for (const group of alive) signalGroup(group.pgid, 'SIGKILL');
	while (alive.some((group) => groupAlive(group.pgid))) await pause(50);
	fs.rmSync(dir, { recursive: true, force: true });
	return alive.map((group) => `${group.label} (process group ${group.pgid})`);
}

/** Creates the folder of a new run, after cleaning up runs whose jest process is gone (Ctrl-C).
 * @returns {Promise<string>} */
async function startTestRun() {
	for (const name of fs.readdirSync(os.tmpdir())) {
		const owner = Number(new RegExp(`^${RUN_DIR_PREFIX}(\\d+)-`).exec(name)?.[1]);
		if (!owner || processAlive(owner)) continue;
		await cleanUpTestRun(path.join(os.tmpdir(), name), 2_000);
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${RUN_DIR_PREFIX}${process.pid}-`));
	// Readable by others: embedded PostgreSQL runs as the `postgres` user when we are root,
	// and its data folder is inside.
	fs.chmodSync(dir, 0o755);
	return dir;
}

function processAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

module.exports = { RUN_DIR_VARIABLE, testRunDir, makeTempDir, runScopedDir, registerProcessGroup, cleanUpTestRun, startTestRun };
