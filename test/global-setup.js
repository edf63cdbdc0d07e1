// Once per `jest` run, before any test file: the run's own folder (see test/helpers/test-run.js)
// and, when the run includes e2e tests, the PostgreSQL they share (run-postgres.js).
const { provideRunPostgres, runNeedsPostgres } = require('./helpers/run-postgres');
const { RUN_DIR_VARIABLE, startTestRun } = require('./helpers/test-run');

module.exports = async function globalSetup(globalConfig) {
	// Set here, in jest's parent process, so that every worker forked afterwards inherits them.
	process.env[RUN_DIR_VARIABLE] = await startTestRun();
	if (!process.env.DATABASE_URL && runNeedsPostgres(globalConfig)) await provideRunPostgres();
};
