import { fanListOperation } from '../fanList';

export const { description, execute } = fanListOperation('subscriber', '/subscribers');
