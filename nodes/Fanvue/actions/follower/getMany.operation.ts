import { fanListOperation } from '../fanList';

export const { description, execute } = fanListOperation('follower', '/followers');
