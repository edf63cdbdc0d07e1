import { pagedListOperation } from '../pagedList';

// GET /creators is itself the agency's view: there is no form of it for a managed creator.
export const { description, execute } = pagedListOperation({ resource: 'creator', path: '/creators', agencyForm: false });
