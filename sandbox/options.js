'use strict';
// Defaults and checks for startSandbox() options (see README.md for each one).
const { resolveFaultSeed } = require('./faults');

const ALL_SCOPES = ['read:self', 'read:chat', 'write:chat', 'read:fan', 'read:insights', 'read:media', 'write:media', 'read:post', 'write:post',
	'read:creator', 'write:creator', 'read:tracking_links', 'write:tracking_links', 'read:agency', 'write:agency'];
const MAX_FANS = 100000;

function normalizeOptions(input = {}) {
	const o = {
		port: 0,
		seed: 1,
		fans: 50,
		managedCreators: 2,
		managedCreatorFans: 20,
		clientId: 'sandbox-client-id',
		clientSecret: 'sandbox-client-secret',
		appScopes: ALL_SCOPES,
		autoApprove: false,
		accessTokenTtlSeconds: 3600,
		webhookSubscriptionsApi: true,
		retiredVersions: ['2024-01-01'],
		revokeAccessTokenOnRefresh: false,
		maxRecordedRequests: 10000,
		mediaProcessingMs: 1000,
		log: () => {},
		...input,
		// Not in the defaults above: an explicit `faultSeed: undefined` also means "choose one".
		faultSeed: input.faultSeed === undefined ? resolveFaultSeed() : input.faultSeed,
		rateLimit: { capacity: 200, windowSeconds: 60, ...(input.rateLimit || {}) },
		webhookRetry: { attempts: 5, baseDelayMs: 1000, ...(input.webhookRetry || {}) },
	};
	const problems = [];
	if (!Number.isInteger(o.fans) || o.fans < 0 || o.fans > MAX_FANS) problems.push(`fans must be an integer from 0 to ${MAX_FANS}`);
	if (!Number.isInteger(o.managedCreators) || o.managedCreators < 0 || o.managedCreators > 1000) problems.push('managedCreators must be an integer from 0 to 1000');
	if (!Number.isInteger(o.managedCreatorFans) || o.managedCreatorFans < 0 || o.managedCreatorFans > MAX_FANS) problems.push(`managedCreatorFans must be an integer from 0 to ${MAX_FANS}`);
	if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) problems.push('port must be 0-65535');
	if (!(o.accessTokenTtlSeconds > 0)) problems.push('accessTokenTtlSeconds must be > 0');
	if (!(o.rateLimit.capacity >= 1) || !(o.rateLimit.windowSeconds > 0)) problems.push('rateLimit needs capacity >= 1 and windowSeconds > 0');
	if (!(o.webhookRetry.attempts >= 1) || !(o.webhookRetry.baseDelayMs >= 0)) problems.push('webhookRetry needs attempts >= 1 and baseDelayMs >= 0');
	if (!(o.mediaProcessingMs >= 0)) problems.push('mediaProcessingMs must be >= 0');
	if (!Array.isArray(o.appScopes)) problems.push('appScopes must be an array');
	if (!((typeof o.faultSeed === 'number' && Number.isFinite(o.faultSeed)) || (typeof o.faultSeed === 'string' && o.faultSeed !== ''))) {
		problems.push('faultSeed must be a finite number or a non-empty string');
	}
	if (problems.length) throw new Error(`startSandbox: ${problems.join('; ')}`);
	return o;
}

module.exports = { normalizeOptions, ALL_SCOPES, MAX_FANS };
