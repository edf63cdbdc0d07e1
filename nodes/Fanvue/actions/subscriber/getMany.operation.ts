import { pagedListOperation } from '../pagedList';

export const { description, execute } = pagedListOperation('subscriber', '/subscribers');
