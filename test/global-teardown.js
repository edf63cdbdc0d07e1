// Once per `jest` run, after every test file: nothing the tests started outlives the run.
const { cleanUpTestRun, RUN_DIR_VARIABLE } = require('./helpers/test-run');

module.exports = async function globalTeardown() {
	const dir = process.env[RUN_DIR_VARIABLE];
	if (!dir) return;
	const leaked = await cleanUpTestRun(dir);
	if (leaked.length) {
		// Not a failure of the run (they are gone now), but each is a test that lost track of
		// what it started: say which, so it gets fixed.
		process.stderr.write(`\nStopped after the tests, still running: ${leaked.join(', ')}\n`);
	}
};
