import { pagedListOperation } from '../pagedList';

export const { description, execute } = pagedListOperation({ resource: 'subscriber', path: '/subscribers', agencyForm: true });
