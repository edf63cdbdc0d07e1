'use strict';
// Workflow JSON the benchmarks import: the Fanvue node's Return All, and the same list read the
// way a user would with n8n's own HTTP Request node (pagination, Retry On Fail, an interval).
const { randomUUID } = require('crypto');

function node(name, type, typeVersion, parameters, extra = {}) {
	return { id: randomUUID(), name, type, typeVersion, position: [0, 0], parameters, ...extra };
}

function chain(name, nodes) {
	nodes.forEach((n, i) => (n.position = [i * 220, 0]));
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

const manualTrigger = () => node('Start', 'n8n-nodes-base.manualTrigger', 1, {});

/** Manual Trigger → Fanvue Subscriber → Get Many (Return All). */
function nodeReturnAll(credential) {
	return chain('bench: Fanvue node Return All', [
		manualTrigger(),
		node('Fanvue', 'n8n-nodes-fanvue.fanvue', 1, { resource: 'subscriber', operation: 'getMany', returnAll: true }, {
			credentials: { fanvueOAuth2Api: credential },
		}),
	]);
}

/**
 * Manual Trigger → HTTP Request (the Fanvue credential, page/size pagination until hasMore is
 * false, Retry On Fail 3 × 5 s, `intervalMs` between pages) → Split Out `data`: one item per
 * subscriber, like the node's output.
 */
function httpRequestReturnAll(credential, { apiUrl, apiVersion, intervalMs }) {
	return chain(`bench: HTTP Request pagination, interval ${intervalMs} ms`, [
		manualTrigger(),
		node(
			'HTTP Request',
			'n8n-nodes-base.httpRequest',
			4.2,
			{
				url: `${apiUrl}/subscribers`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'fanvueOAuth2Api',
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'size', value: '50' }] },
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'X-Fanvue-API-Version', value: apiVersion }] },
				options: {
					pagination: {
						pagination: {
							parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
							paginationCompleteWhen: 'other',
							completeExpression: '={{ $response.body.pagination.hasMore === false }}',
							limitPagesFetched: false,
							requestInterval: intervalMs,
						},
					},
				},
			},
			{ credentials: { fanvueOAuth2Api: credential }, retryOnFail: true, maxTries: 3, waitBetweenTries: 5000 },
		),
		node('Split Out', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'data', include: 'noOtherFields', options: {} }),
	]);
}

/**
 * Manual Trigger → Code node returning one item per record of `recordsFile` (a JSON array):
 * the same items as the Fanvue node's Return All, produced without any HTTP. What n8n costs to
 * hold and save that many items whoever makes them. Needs NODE_FUNCTION_ALLOW_BUILTIN=fs.
 */
function codeNodeItems(recordsFile) {
	return chain('bench: Code node, the same records', [
		manualTrigger(),
		node('Code', 'n8n-nodes-base.code', 2, {
			mode: 'runOnceForAllItems',
			language: 'javaScript',
			jsCode: `const fs = require('fs');\nreturn JSON.parse(fs.readFileSync(${JSON.stringify(recordsFile)}, 'utf8')).map((json) => ({ json }));`,
		}),
	]);
}

module.exports = { node, chain, nodeReturnAll, httpRequestReturnAll, codeNodeItems };
