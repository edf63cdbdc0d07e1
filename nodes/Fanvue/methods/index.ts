export { searchChats } from './listSearch/searchChats';
export { searchCreators } from './listSearch/searchCreators';
export { getCustomLists } from './loadOptions/getCustomLists';
export { getSmartLists } from './loadOptions/getSmartLists';
export { getTemplates } from './loadOptions/getTemplates';
