// Shared set-up for the Fanvue node's unit tests: the node runs in n8n-core's real execution
// engine (test/helpers/n8n-runner.ts) and every request it makes is pinned with nock.
import nock from 'nock';

import { FANVUE_CREDENTIAL_TYPE } from '../../helpers/n8n-runner';

export const API = 'https://api.fanvue.test';
export const AUTH = 'https://auth.fanvue.test';
export const ACCESS_TOKEN = 'access-token-abc123';
export const FAN = '3f1c2b9a-6d4e-4a8b-9c1d-2e3f4a5b6c7d';
export const MEDIA_A = '8a1e0f3c-1111-4c2d-9e8f-0a1b2c3d4e5f';
export const MEDIA_B = '9b2f1a4d-2222-4d3e-8f90-1b2c3d4e5f60';
export const TEMPLATE = '7c3a2b1d-3333-4e5f-9a0b-2c3d4e5f6a7b';
export const CUSTOM_LIST = '6d4b3c2e-4444-4f60-8b1c-3d4e5f6a7b8c';

export const credentials = {
	'fanvue-1': {
		type: FANVUE_CREDENTIAL_TYPE,
		name: 'Fanvue account',
		data: {
			environment: 'custom',
			customApiBaseUrl: API,
			customAuthServerUrl: AUTH,
			clientId: 'client-id',
			clientSecret: 'client-secret',
			oauthTokenData: { access_token: ACCESS_TOKEN, refresh_token: 'refresh-abc', token_type: 'Bearer', expires_in: 3600 },
		},
	},
};

/** Every Fanvue call carries the bearer token, the API version and asks for JSON. */
export const fanvueHeaders = {
	authorization: `Bearer ${ACCESS_TOKEN}`,
	'x-fanvue-api-version': '2025-06-26',
	accept: 'application/json',
};

export function fanvue() {
	return nock(API, { reqheaders: fanvueHeaders });
}

export { forbidAnyRequest, useNock } from '../../helpers/nock';

export const page = (data: object[], hasMore: boolean, pageNumber = 1) => ({
	data,
	pagination: { page: pageNumber, size: data.length, hasMore },
});

/** Exact query match that also handles repeated parameters (`filter=a&filter=b`). */
// (Compared as JSON: nock's parsed arrays come from another realm than the test's.)
export const exactQuery = (expected: Record<string, string | string[]>) => (actual: Record<string, unknown>) =>
	canonical(actual) === canonical(expected);

function canonical(query: Record<string, unknown>): string {
	return JSON.stringify(Object.keys(query).sort().map((key) => [key, query[key]]));
}
