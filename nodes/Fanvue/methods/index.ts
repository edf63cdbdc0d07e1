export { searchChats } from './listSearch/searchChats';
export { searchCreators } from './listSearch/searchCreators';
export { searchSmartLists } from './listSearch/searchSmartLists';
export { getCustomLists } from './loadOptions/getCustomLists';
export { getSmartLists } from './loadOptions/getSmartLists';
export { getTemplates } from './loadOptions/getTemplates';
