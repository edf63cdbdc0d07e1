import type { OperationCase } from './types';

export const cases: OperationCase[] = [{ resource: 'creator', operation: 'getMany', parameters: { returnAll: true } }];
