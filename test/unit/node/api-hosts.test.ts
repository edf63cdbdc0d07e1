// The node calls the API host of the credential's environment, as Fanvue documents them.
import nock from 'nock';

import { FANVUE_CREDENTIAL_TYPE, runNode } from '../../helpers/n8n-runner';
import { useNock } from './fixtures';

useNock();

const credentialsFor = (environment: string) => ({
	c: {
		type: FANVUE_CREDENTIAL_TYPE,
		data: {
			environment,
			clientId: 'id',
			clientSecret: 'secret',
			oauthTokenData: { access_token: 'token-1', refresh_token: 'refresh-1', token_type: 'Bearer', expires_in: 3600 },
		},
	},
});

it.each([
	['production', 'https://api.fanvue.com'],
	['development', 'https://api.dev.fanvue.com'],
])('%s: GET %s/users/me', async (environment, host) => {
	nock(host, { reqheaders: { authorization: 'Bearer token-1', 'x-fanvue-api-version': '2025-06-26' } })
		.get('/users/me')
		.reply(200, { uuid: 'creator-1' });
	const result = await runNode({ parameters: { resource: 'user', operation: 'getCurrent' }, credentials: credentialsFor(environment) });
	expect(result.error).toBeUndefined();
	expect(result.output(result.nodeName)[0].json).toEqual({ uuid: 'creator-1' });
});
