import { postInteractionOperation } from './postInteractions';

export const { description, execute } = postInteractionOperation('getTips', 'tips');
