import { pagedListOperation } from '../pagedList';

export const { description, execute } = pagedListOperation({ resource: 'follower', path: '/followers', agencyForm: true });
