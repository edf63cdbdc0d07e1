// The Fanvue credential's hidden OAuth2 fields, computed by n8n from the fields the user fills.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { FANVUE_CREDENTIAL_TYPE, runNode } from '../helpers/n8n-runner';

class CaptureCredential implements INodeType {
	static seen: IDataObject = {};

	description: INodeType['description'] = {
		displayName: 'Capture',
		name: 'test.captureFanvueCredential',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Capture' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: FANVUE_CREDENTIAL_TYPE, required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		CaptureCredential.seen = (await this.getCredentials(FANVUE_CREDENTIAL_TYPE)) as IDataObject;
		return [this.getInputData()];
	}
}

async function resolved(data: IDataObject) {
	const result = await runNode({
		type: 'test.captureFanvueCredential',
		nodeTypes: { 'test.captureFanvueCredential': new CaptureCredential() },
		parameters: {},
		credentials: { c: { type: FANVUE_CREDENTIAL_TYPE, data: { clientId: 'id', clientSecret: 'secret', ...data } } },
	});
	expect(result.error).toBeUndefined();
	return CaptureCredential.seen;
}

describe('FanvueOAuth2Api', () => {
	it('production: Fanvue auth hosts, PKCE, HTTP Basic client auth, the base scopes', async () => {
		expect(await resolved({})).toMatchObject({
			environment: 'production',
			grantType: 'pkce',
			authUrl: 'https://auth.fanvue.com/oauth2/auth',
			accessTokenUrl: 'https://auth.fanvue.com/oauth2/token',
			authentication: 'header',
			scope: 'openid offline_access offline read:self read:chat write:chat read:fan',
		});
	});

	it('development hosts', async () => {
		expect(await resolved({ environment: 'development' })).toMatchObject({
			authUrl: 'https://auth.dev.fanvue.com/oauth2/auth',
			accessTokenUrl: 'https://auth.dev.fanvue.com/oauth2/token',
		});
	});

	it('custom hosts, trailing slashes trimmed (a local sandbox)', async () => {
		expect(await resolved({ environment: 'custom', customAuthServerUrl: 'http://127.0.0.1:4010/', customApiBaseUrl: 'http://127.0.0.1:4010' })).toMatchObject({
			authUrl: 'http://127.0.0.1:4010/oauth2/auth',
			accessTokenUrl: 'http://127.0.0.1:4010/oauth2/token',
		});
	});

	it('adds the scopes of the chosen features, each once', async () => {
		const { scope } = await resolved({ scopeGroups: ['insights', 'webhooks', 'agency'] });
		expect(String(scope).split(' ')).toEqual([
			'openid',
			'offline_access',
			'offline',
			'read:self',
			'read:chat',
			'write:chat',
			'read:fan',
			'read:insights',
			'read:creator',
			'read:agency',
			'write:agency',
			'write:creator',
		]);
	});
});
