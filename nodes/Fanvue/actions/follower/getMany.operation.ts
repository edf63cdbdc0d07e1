import { pagedListOperation } from '../pagedList';

export const { description, execute } = pagedListOperation('follower', '/followers');
