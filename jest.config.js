// The kinds of tests, one command (`npm test`):
//   unit      nock-pinned requests of every operation, the transport, the trigger's pure parts
//   workflow  workflow JSON run in-process through n8n-core's WorkflowExecute
//   sandbox   the local Fanvue stand-in tested as a reference implementation
//   e2e       a real n8n (cached install), the sandbox, PostgreSQL, the shipped templates
//   browser   the demo's n8n editor in Debian's Chromium (playwright-core)
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json' }];
const project = (name, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	testMatch: [`<rootDir>/test/${name}/**/*.test.[jt]s`],
	...extra,
});
// The e2e files that must pass in queue mode as well (issue 12): the trigger and the templates;
// and the chaos run (issue 13), where a worker is killed instead of n8n (about 4 minutes).
const QUEUE_MODE_FILES = [
	'trigger.test.ts',
	'templates-auto-reply.test.ts',
	'templates-retry.test.ts',
	'templates-ai-chatter.test.ts',
	'templates-sync.test.ts',
	'faults-chaos.test.ts',
];
module.exports = {
	// The run's own folder for temp files and the registry of started processes, removed at the end.
	globalSetup: '<rootDir>/test/global-setup.js',
	globalTeardown: '<rootDir>/test/global-teardown.js',
	// jest's 5 s default is too tight for the in-process n8n engine on a busy 2-core machine
	// (the whole suite runs beside the e2e tests' n8n); e2e and browser set their own.
	testTimeout: 30_000,
	projects: [
		project('unit'),
		project('workflow'),
		project('sandbox'),
		project('e2e', { setupFilesAfterEnv: ['<rootDir>/test/e2e/jest.setup.js'] }),
		// The same e2e files once more, against n8n in queue mode (FANVUE_E2E_MODE=queue).
		project('e2e', {
			displayName: 'e2e-queue',
			setupFilesAfterEnv: ['<rootDir>/test/e2e/queue-mode.setup.js', '<rootDir>/test/e2e/jest.setup.js'],
			testMatch: QUEUE_MODE_FILES.map((file) => `<rootDir>/test/e2e/${file}`),
		}),
		project('browser', { setupFilesAfterEnv: ['<rootDir>/test/e2e/jest.setup.js'] }),
	],
};
