// The package's Fanvue node, run through n8n-core's real execution engine by the
// in-process runner, against nock.
import nock from 'nock';

import { FANVUE_CREDENTIAL_TYPE, FANVUE_NODE_TYPE, runNode } from '../helpers/n8n-runner';

const API = 'https://api.fanvue.test';
const AUTH = 'https://auth.fanvue.test';
const FANVUE_API_VERSION = '2025-06-26';

const credentials = {
	'fanvue-1': {
		type: FANVUE_CREDENTIAL_TYPE,
		name: 'Fanvue account',
		data: {
			environment: 'custom',
			customApiBaseUrl: API,
			customAuthServerUrl: AUTH,
			clientId: 'client-id',
			clientSecret: 'client-secret',
			oauthTokenData: {
				access_token: 'token-abc',
				refresh_token: 'refresh-abc',
				token_type: 'Bearer',
				expires_in: 3600,
			},
		},
	},
};

beforeAll(() => {
	nock.disableNetConnect();
});

afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending).toEqual([]);
});

afterAll(() => {
	nock.enableNetConnect();
	nock.restore();
});

describe('Fanvue node in n8n-core', () => {
	test('User → Get Current: GET /users/me with bearer token and API version header', async () => {
		const me = { uuid: 'creator-uuid', handle: 'creator', displayName: 'Creator' };
		const scope = nock(API, {
			reqheaders: {
				authorization: 'Bearer token-abc',
				'x-fanvue-api-version': FANVUE_API_VERSION,
			},
		})
			.get('/users/me')
			.reply(200, me);

		const result = await runNode({
			type: FANVUE_NODE_TYPE,
			parameters: { resource: 'user', operation: 'getCurrent' },
			credentials,
		});

		expect(result.error).toBeUndefined();
		expect(result.run.status).toBe('success');
		const output = result.output(result.nodeName);
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual(me);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		scope.done();
	});
});
