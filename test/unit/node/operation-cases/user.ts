import type { OperationCase } from './types';

export const cases: OperationCase[] = [{ resource: 'user', operation: 'getCurrent', parameters: {} }];
