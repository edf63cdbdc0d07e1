import type { OperationCase } from './types';

export const cases: OperationCase[] = [
	{ resource: 'follower', operation: 'getMany', parameters: { returnAll: true } },
	{ resource: 'subscriber', operation: 'getMany', parameters: { returnAll: true } },
];
