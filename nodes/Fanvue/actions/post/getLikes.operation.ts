import { postInteractionOperation } from './postInteractions';

export const { description, execute } = postInteractionOperation('getLikes', 'likes');
