// Every endpoint Fanvue documents is reachable through an operation. The endpoints each
// operation reaches are not declared anywhere: they are recorded from the requests the
// operations really make, once acting as the connected account and once as a managed creator
// (Act As), and then held against the list of Fanvue's endpoints kept in the repo.
import fs from 'node:fs';
import path from 'node:path';

import nock from 'nock';
import type { INodeProperties } from 'n8n-workflow';

import { Fanvue } from '../../../nodes/Fanvue/Fanvue.node';
import { PACKAGE_ROOT, runNode } from '../../helpers/n8n-runner';
import { FANVUE_ENDPOINTS, endpointName } from './fanvue-endpoints';
import { allCases } from './all-operation-cases';
import { API, credentials, useNock } from './fixtures';
import type { OperationCase } from './operation-cases/types';

useNock();

const CREATOR = '1a2b3c4d-aaaa-4b5c-8d6e-7f8091a2b3c4';

/** resource → operations, read from the node's own description (what the editor offers). */
function nodeOperations(): Array<{ resource: string; operation: string }> {
	const properties = new Fanvue().description.properties as INodeProperties[];
	const resources = (properties.find((p) => p.name === 'resource')!.options as Array<{ value: string }>).map((o) => o.value);
	return resources.flatMap((resource) => {
		const operationField = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));
		return ((operationField?.options ?? []) as Array<{ value: string }>).map((o) => ({ resource, operation: o.value }));
	});
}

interface Recorded {
	method: string;
	path: string;
}

const DEFAULT_ANSWERS: Record<string, { status: number; body?: unknown }> = {
	GET: { status: 200, body: { data: [], pagination: { page: 1, size: 0, hasMore: false }, nextCursor: null } },
	POST: { status: 201, body: {} },
	PATCH: { status: 204 },
	DELETE: { status: 204 },
};

/** Runs one case and records every Fanvue request it makes (answered with `answer` or a default). */
async function record(testCase: OperationCase, actAs: object): Promise<{ requests: Recorded[]; error?: Error }> {
	const requests: Recorded[] = [];
	for (const method of Object.keys(DEFAULT_ANSWERS)) {
		nock(API)
			.persist()
			.intercept(/.*/, method)
			.reply(function reply(uri) {
				const requestPath = new URL(uri, API).pathname;
				requests.push({ method, path: requestPath });
				const answer = testCase.answer?.(method, requestPath) ?? DEFAULT_ANSWERS[method];
				return [answer.status, answer.body as nock.Body];
			});
	}
	try {
		const result = await runNode({
			parameters: { resource: testCase.resource, operation: testCase.operation, ...testCase.parameters, ...actAs },
			credentials,
			inputItems: testCase.inputItems,
		});
		return { requests, error: result.error as Error | undefined };
	} finally {
		nock.cleanAll();
	}
}

/** `/chats/{userUuid}/message` → a pattern where each `{...}` is one path segment. */
const templates = FANVUE_ENDPOINTS.map((endpoint) => ({
	endpoint,
	pattern: new RegExp(`^${endpoint.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
	parameters: (endpoint.path.match(/\{/g) ?? []).length,
}));

/** The documented endpoint a request is for: the most literal one that fits. */
function endpointOf(request: Recorded): string | undefined {
	const fitting = templates
		.filter((t) => t.endpoint.method === request.method && t.pattern.test(request.path))
		.sort((a, b) => a.parameters - b.parameters);
	return fitting[0] && endpointName(fitting[0].endpoint);
}

describe('the node reaches every endpoint Fanvue documents', () => {
	const reached = new Map<string, string[]>(); // endpoint → operations that reach it
	const undocumented: string[] = [];
	const agencyMismatches: string[] = [];

	beforeAll(async () => {
		nock.disableNetConnect();
		for (const testCase of allCases()) {
			const name = `${testCase.resource} ${testCase.operation}`;
			const own = await record(testCase, {});
			if (own.error) throw new Error(`${name} failed as Myself: ${own.error.message}`);
			const asCreator = await record(testCase, { actAs: 'creator', creator: { __rl: true, mode: 'uuid', value: CREATOR } });
			if (asCreator.error && !/has no agency form in Fanvue's API/.test(asCreator.error.message)) {
				throw new Error(`${name} failed as a managed creator: ${asCreator.error.message}`);
			}
			// The agency form is the same request below /creators/{creator}.
			const expected = asCreator.error ? [] : own.requests.map((r) => `${r.method} /creators/${CREATOR}${r.path}`);
			const actual = asCreator.requests.map((r) => `${r.method} ${r.path}`);
			if (JSON.stringify(actual) !== JSON.stringify(expected)) agencyMismatches.push(`${name}: ${actual.join(', ')} (expected ${expected.join(', ')})`);
			for (const request of [...own.requests, ...asCreator.requests]) {
				const endpoint = endpointOf(request);
				if (!endpoint) undocumented.push(`${name}: ${request.method} ${request.path}`);
				else reached.set(endpoint, [...(reached.get(endpoint) ?? []), name]);
			}
		}
	}, 120_000);

	it('has a case for every operation the node offers', () => {
		const covered = new Set(allCases().map((c) => `${c.resource} ${c.operation}`));
		const withoutCase = nodeOperations()
			.map((o) => `${o.resource} ${o.operation}`)
			.filter((name) => !covered.has(name));
		expect(withoutCase).toEqual([]);
	});

	it('has an operation for every endpoint in the list', () => {
		const unreached = FANVUE_ENDPOINTS.map(endpointName).filter((name) => !reached.has(name));
		expect(unreached).toEqual([]);
	});

	it('calls no endpoint outside the list', () => {
		expect(undocumented).toEqual([]);
	});

	it("uses Fanvue's agency form for a managed creator wherever the operation has one", () => {
		expect(agencyMismatches).toEqual([]);
	});

	it("names every endpoint and its scopes in the README's operations table", () => {
		const readme = fs.readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
		const section = readme.slice(readme.indexOf('## Operations'), readme.indexOf('\n## ', readme.indexOf('## Operations') + 1));
		// Parameter names may differ ({fan} in the README, {userUuid} in Fanvue's reference).
		const loose = (text: string) => text.replace(/\{[^}]+\}/g, '{}');
		const rows = section.split('\n').filter((line) => line.startsWith('|')).map(loose);
		const missing = FANVUE_ENDPOINTS.filter((endpoint) => {
			const row = rows.find((line) => line.includes(`\`${loose(endpointName(endpoint))}\``));
			return !row || endpoint.scopes.some((scope) => !row.includes(`\`${scope}\``));
		}).map(endpointName);
		expect(missing).toEqual([]);
	});
});
