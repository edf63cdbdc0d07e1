import type { OperationCase } from './types';

export const cases: OperationCase[] = [
	{ resource: 'smartList', operation: 'getMany', parameters: { returnAll: true } },
	{ resource: 'smartList', operation: 'getMembers', parameters: { smartList: { __rl: true, mode: 'id', value: 'subscribers' }, returnAll: true } },
];
