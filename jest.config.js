// The kinds of tests (docs/testing.md says which command runs which, and how long each takes):
//   unit       nock-pinned requests of every operation, the transport, the trigger's pure parts
//   workflow   workflow JSON run in-process through n8n-core's WorkflowExecute
//   sandbox    the local Fanvue stand-in tested as a reference implementation
//   e2e        a real n8n (cached install), the sandbox, PostgreSQL, the shipped templates
//   --- above: `npm test`; below: only in `npm run test:all` (and CI) ---
//   e2e-queue  the e2e files that must hold in queue mode too, against main + webhook process +
//              2 workers + Redis (Debian's redis-server), and the queue-mode checks themselves
//   faults     the abuse run (1,000 hostile deliveries) and the chaos run (n8n killed, PostgreSQL
//              restarted, seeded sandbox faults): minutes each
//   browser    the demo's n8n editor in Debian's Chromium (playwright-core)
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];
const project = (name, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	testMatch: [`<rootDir>/test/${name}/**/*.test.[jt]s`],
	...extra,
});
const e2eFiles = (files) => files.map((file) => `<rootDir>/test/e2e/${file}`);
const E2E_SETUP = '<rootDir>/test/e2e/jest.setup.js';
// The e2e files that must pass in queue mode as well (issue 12): the trigger and the templates;
// and the chaos run (issue 13), where a worker is killed instead of n8n (about 4 minutes).
const QUEUE_MODE_FILES = [
	'trigger.test.ts',
	'templates-ai.test.ts',
	'templates-sync.test.ts',
	'faults-chaos.test.ts',
];
// Files that need more than Node and npm (Redis), or minutes of load: not in `npm test`.
const QUEUE_STACK_FILES = ['queue-mode.test.ts'];
const FAULT_RUNS = ['faults-abuse.test.ts', 'faults-chaos.test.ts'];

module.exports = {
	// The run's own folder for temp files and the registry of started processes, removed at the
	// end; and the PostgreSQL server the e2e files share (a database each).
	globalSetup: '<rootDir>/test/global-setup.js',
	globalTeardown: '<rootDir>/test/global-teardown.js',
	// jest's 5 s default is too tight for the in-process n8n engine on a busy 2-core machine
	// (the whole suite runs beside the e2e tests' n8n); e2e and browser set their own.
	testTimeout: 30_000,
	projects: [
		project('unit'),
		project('workflow'),
		project('sandbox'),
		project('e2e', {
			setupFilesAfterEnv: [E2E_SETUP],
			testPathIgnorePatterns: ['/node_modules/', ...[...QUEUE_STACK_FILES, ...FAULT_RUNS].map((file) => `/test/e2e/${file}$`)],
		}),
		// The files above once more against n8n in queue mode (FANVUE_E2E_MODE=queue), and the
		// queue-mode checks, which start their own queue stack.
		project('e2e', {
			displayName: 'e2e-queue',
			setupFilesAfterEnv: ['<rootDir>/test/e2e/queue-mode.setup.js', E2E_SETUP],
			testMatch: e2eFiles([...QUEUE_MODE_FILES, ...QUEUE_STACK_FILES]),
		}),
		project('e2e', { displayName: 'faults', setupFilesAfterEnv: [E2E_SETUP], testMatch: e2eFiles(FAULT_RUNS) }),
		project('browser', { setupFilesAfterEnv: [E2E_SETUP] }),
	],
};
