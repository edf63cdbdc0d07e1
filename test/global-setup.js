// Once per `jest` run, before any test file: the run's own folder (see test/helpers/test-run.js).
const { RUN_DIR_VARIABLE, startTestRun } = require('./helpers/test-run');

module.exports = async function globalSetup() {
	// Set here, in jest's parent process, so that every worker forked afterwards inherits it.
	process.env[RUN_DIR_VARIABLE] = await startTestRun();
};
