export { searchChats } from './listSearch/searchChats';
export { getCustomLists } from './loadOptions/getCustomLists';
export { getSmartLists } from './loadOptions/getSmartLists';
export { getTemplates } from './loadOptions/getTemplates';
