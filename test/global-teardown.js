// Once per `jest` run, after every test file: nothing the tests started outlives the run.
const { RUN_POSTGRES_LABEL } = require('./helpers/run-postgres');
const { cleanUpTestRun, RUN_DIR_VARIABLE } = require('./helpers/test-run');

module.exports = async function globalTeardown() {
	const dir = process.env[RUN_DIR_VARIABLE];
	if (!dir) return;
	// The run's own PostgreSQL (global-setup.js) is stopped here by design, not leaked.
	const leaked = (await cleanUpTestRun(dir)).filter((label) => !label.startsWith(RUN_POSTGRES_LABEL));
	if (leaked.length) {
		// Not a failure of the run (they are gone now), but each is a test that lost track of
		// what it started: say which, so it gets fixed.
		process.stderr.write(`\nStopped after the tests, still running: ${leaked.join(', ')}\n`);
	}
};
