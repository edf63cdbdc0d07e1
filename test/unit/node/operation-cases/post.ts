import type { OperationCase } from './types';
import { OTHER_UUID } from './types';

const post = { __rl: true, mode: 'uuid', value: OTHER_UUID };

export const cases: OperationCase[] = [
	{ resource: 'post', operation: 'create', parameters: { audience: 'subscribers', text: 'Hello' } },
	{ resource: 'post', operation: 'get', parameters: { post } },
	{ resource: 'post', operation: 'getMany', parameters: { returnAll: true } },
	{ resource: 'post', operation: 'getComments', parameters: { post, returnAll: true } },
	{ resource: 'post', operation: 'getLikes', parameters: { post, returnAll: true } },
	{ resource: 'post', operation: 'getTips', parameters: { post, returnAll: true } },
];
